import { describe, expect, it } from "vitest";
import { answersFromForm, checkAnswers, moduleResult, moduleState, moduleSteps } from "./scoring";

const quiz = {
  questions: [
    { id: "km-1", answer: "a", options: [{ id: "a" }, { id: "b" }, { id: "c" }] },
    { id: "km-2", answer: "b", options: [{ id: "a" }, { id: "b" }, { id: "c" }] },
    { id: "km-3", answer: "c", options: [{ id: "a" }, { id: "b" }, { id: "c" }] },
    { id: "km-4", answer: "a", options: [{ id: "a" }, { id: "b" }] },
  ],
};
const moduleOf = (id: string) => (id.startsWith("sw-") ? "seven-wastes" : id.startsWith("km-") ? "kaizen-mindset" : undefined);

describe("checkAnswers", () => {
  it("scores a complete submission and keeps every answer", () => {
    const checked = checkAnswers(quiz, { "km-1": "a", "km-2": "b", "km-3": "a", "km-4": "b" }, moduleOf);
    expect(checked).toEqual({
      ok: true,
      scored: {
        correct: 2,
        total: 4,
        score: 50,
        answers: [
          { questionId: "km-1", optionId: "a", correct: true },
          { questionId: "km-2", optionId: "b", correct: true },
          { questionId: "km-3", optionId: "a", correct: false },
          { questionId: "km-4", optionId: "b", correct: false },
        ],
      },
    });
  });

  it("rounds the score to a whole percentage", () => {
    const three = { questions: quiz.questions.slice(0, 3) };
    const checked = checkAnswers(three, { "km-1": "a", "km-2": "a", "km-3": "a" });
    expect(checked.ok && checked.scored.score).toBe(33);
  });

  it("reports every missing answer, including empty ones", () => {
    const checked = checkAnswers(quiz, { "km-1": "a", "km-2": "" }, moduleOf);
    expect(checked).toEqual({
      ok: false,
      problems: [
        { code: "missingAnswer", questionId: "km-2" },
        { code: "missingAnswer", questionId: "km-3" },
        { code: "missingAnswer", questionId: "km-4" },
      ],
    });
  });

  it("refuses an option the question does not have", () => {
    const checked = checkAnswers(quiz, { "km-1": "a", "km-2": "b", "km-3": "c", "km-4": "c" }, moduleOf);
    expect(checked).toEqual({ ok: false, problems: [{ code: "unknownOption", questionId: "km-4" }] });
  });

  it("tells an answer for another module from an unknown question", () => {
    const all = { "km-1": "a", "km-2": "b", "km-3": "c", "km-4": "a" };
    expect(checkAnswers(quiz, { ...all, "sw-1": "a" }, moduleOf)).toEqual({ ok: false, problems: [{ code: "otherModule", questionId: "sw-1" }] });
    expect(checkAnswers(quiz, { ...all, "zz-9": "a" }, moduleOf)).toEqual({ ok: false, problems: [{ code: "unknownQuestion", questionId: "zz-9" }] });
  });
});

describe("answersFromForm", () => {
  it("reads only the q.<id> fields", () => {
    expect(answersFromForm([["q.km-1", "a"], ["clientId", "x"], ["q.km-2", "c"]])).toEqual({ "km-1": "a", "km-2": "c" });
  });
});

describe("moduleResult", () => {
  const at = (day: number) => new Date(Date.UTC(2026, 1, day));
  it("keeps the first and the best post-test, and measures the gain from the first", () => {
    const result = moduleResult([
      { kind: "post", score: 80, createdAt: at(5) },
      { kind: "pre", score: 40, createdAt: at(1) },
      { kind: "post", score: 60, createdAt: at(3) },
    ]);
    expect(result).toEqual({ pre: 40, firstPost: 60, bestPost: 80, postAttempts: 2, gain: 20 });
  });

  it("has no gain without a pre-test", () => {
    expect(moduleResult([{ kind: "post", score: 70, createdAt: at(2) }])).toEqual({ pre: null, firstPost: 70, bestPost: 70, postAttempts: 1, gain: null });
  });
});

describe("moduleState and moduleSteps", () => {
  const none = moduleResult([]);
  const pre = moduleResult([{ kind: "pre", score: 40, createdAt: new Date() }]);
  const post = moduleResult([{ kind: "post", score: 80, createdAt: new Date() }]);
  const opened = { readingAt: new Date(), doneAt: null };
  const done = { readingAt: new Date(), doneAt: new Date() };
  it("follows the owner from not started to completed", () => {
    expect(moduleState(null, none)).toBe("notStarted");
    expect(moduleState(opened, none)).toBe("reading");
    expect(moduleState(opened, pre)).toBe("preTestDone");
    expect(moduleState(done, pre)).toBe("read");
    expect(moduleState(done, post)).toBe("completed");
  });
  it("counts steps for the bar", () => {
    expect(moduleSteps(null, none)).toBe(0);
    expect(moduleSteps(opened, pre)).toBe(1);
    expect(moduleSteps(done, pre)).toBe(2);
    expect(moduleSteps(done, post)).toBe(3);
    expect(moduleSteps(null, post)).toBe(3);
  });
});
