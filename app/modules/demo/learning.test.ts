import { describe, expect, it } from "vitest";
import { moduleRows } from "~/modules/learning/report";
import { generateDemoProgramme } from "./demo-programme";
import { generateDemoLearning } from "./learning";

const quizzes = Array.from({ length: 10 }, (_, m) => ({
  slug: `module-${m + 1}`,
  version: `v${m}`,
  questions: Array.from({ length: 6 }, (_, q) => ({ id: `m${m}-${q + 1}`, answer: "b", options: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }] })),
}));

describe("demo learning", () => {
  const demo = generateDemoProgramme();
  const learning = generateDemoLearning(demo, quizzes);

  it("is the same every time", () => {
    expect(generateDemoLearning(demo, quizzes)).toEqual(learning);
  });

  it("puts pre-tests around 40-55% and first post-tests at 65-85% in every module taken", () => {
    for (const cohort of demo.cohorts) {
      const firms = new Set(demo.firms.filter((f) => f.cohortId === cohort.id).map((f) => f.id));
      const people = new Set(demo.people.filter((p) => p.firmId && firms.has(p.firmId)).map((p) => p.id));
      const rows = moduleRows(
        quizzes.map((q) => q.slug),
        learning.attempts.filter((a) => people.has(a.userId)),
      );
      for (const row of rows.filter((r) => r.postCount >= 10)) {
        expect(row.preAverage!).toBeGreaterThanOrEqual(40);
        expect(row.preAverage!).toBeLessThanOrEqual(55);
        expect(row.postAverage!).toBeGreaterThanOrEqual(65);
        expect(row.postAverage!).toBeLessThanOrEqual(85);
      }
      expect(rows[0]!.postCount).toBeGreaterThan(20);
    }
  });

  it("stores an answer per question of every attempt, consistent with its score", () => {
    for (const attempt of learning.attempts.slice(0, 50)) {
      const answers = learning.answers.filter((a) => a.attemptId === attempt.id);
      expect(answers).toHaveLength(attempt.total);
      expect(answers.filter((a) => a.correct)).toHaveLength(attempt.correct);
    }
    expect(new Set(learning.attempts.map((a) => a.clientId)).size).toBe(learning.attempts.length);
  });

  it("leaves the demo sign-in owners the modules after the third to try", () => {
    const accounts = demo.people.filter((p) => p.hasPassword && p.firmId);
    for (const owner of accounts) {
      expect(new Set(learning.attempts.filter((a) => a.userId === owner.id).map((a) => a.moduleSlug))).toEqual(new Set(["module-1", "module-2", "module-3"]));
    }
  });
});
