import { describe, expect, it } from "vitest";
import { moduleRows, ownerRows, questionRows, type ReportAnswer, type ReportAttempt } from "./report";

const day = (d: number) => new Date(Date.UTC(2026, 1, d));
const attempts: ReportAttempt[] = [
  { id: "a1", userId: "u1", moduleSlug: "m", kind: "pre", score: 40, createdAt: day(1) },
  { id: "a2", userId: "u1", moduleSlug: "m", kind: "post", score: 60, createdAt: day(2) },
  { id: "a3", userId: "u1", moduleSlug: "m", kind: "post", score: 100, createdAt: day(3) }, // a retake: ignored
  { id: "b1", userId: "u2", moduleSlug: "m", kind: "pre", score: 60, createdAt: day(1) },
  { id: "b2", userId: "u2", moduleSlug: "m", kind: "post", score: 100, createdAt: day(2) },
  { id: "c2", userId: "u3", moduleSlug: "m", kind: "post", score: 20, createdAt: day(2) }, // no pre-test
  { id: "d2", userId: "u1", moduleSlug: "n", kind: "post", score: 80, createdAt: day(4) },
];

describe("moduleRows", () => {
  it("averages pre-tests and first post-tests, and the gain over people who took both", () => {
    expect(moduleRows(["m", "n", "o"], attempts)).toEqual([
      { slug: "m", preCount: 2, postCount: 3, preAverage: 50, postAverage: 60, gain: 30 },
      { slug: "n", preCount: 0, postCount: 1, preAverage: null, postAverage: 80, gain: null },
      { slug: "o", preCount: 0, postCount: 0, preAverage: null, postAverage: null, gain: null },
    ]);
  });
});

describe("questionRows", () => {
  const answers: ReportAnswer[] = [
    { attemptId: "a1", questionId: "q-1", optionId: "b", correct: false },
    { attemptId: "b1", questionId: "q-1", optionId: "a", correct: true },
    { attemptId: "a2", questionId: "q-1", optionId: "c", correct: false },
    { attemptId: "a3", questionId: "q-1", optionId: "a", correct: true },
    { attemptId: "b2", questionId: "q-1", optionId: "a", correct: true },
    { attemptId: "c2", questionId: "q-1", optionId: "c", correct: false },
    { attemptId: "a2", questionId: "q-2", optionId: "b", correct: false },
    { attemptId: "b2", questionId: "q-2", optionId: "c", correct: false },
  ];
  it("gives the share right before and after, and the most chosen wrong answer after", () => {
    const [q1, q2, q3] = questionRows(["q-1", "q-2", "q-3"], "m", attempts, answers);
    expect(q1).toEqual({ questionId: "q-1", rightBefore: 50, rightAfter: 33, answersAfter: 3, commonWrong: { optionId: "c", count: 2 } });
    // a tie goes to the earlier option, so the table does not flicker between loads
    expect(q2!.commonWrong).toEqual({ optionId: "b", count: 1 });
    expect(q3).toEqual({ questionId: "q-3", rightBefore: null, rightAfter: null, answersAfter: 0, commonWrong: null });
  });
});

describe("ownerRows", () => {
  it("counts modules done and shows the selected module's first scores", () => {
    expect(ownerRows(["u1", "u3", "u9"], "m", attempts)).toEqual([
      { userId: "u1", modulesDone: 2, pre: 40, post: 60, averageAfter: 70 },
      { userId: "u3", modulesDone: 1, pre: null, post: 20, averageAfter: 20 },
      { userId: "u9", modulesDone: 0, pre: null, post: null, averageAfter: null },
    ]);
  });
});
