import { describe, expect, it } from "vitest";
import { COMPONENT_KEYS } from "~/modules/screening/model";
import { growthOf } from "~/modules/screening/outcomes";
import { parseSnapshot } from "~/modules/screening/selection";
import { predictiveValidity } from "~/modules/screening/validity";
import { generateDemoProgramme } from "./demo-programme";
import { EARLIER_COHORT_SIZE, generateDemoScreening } from "./screening";

const quizzes = Array.from({ length: 10 }, (_, m) => ({
  slug: `module-${m + 1}`,
  version: `v${m}`,
  questions: Array.from({ length: 6 }, (_, q) => ({ id: `m${m}-${q + 1}`, answer: "b", options: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }] })),
}));

describe("the screening demo", () => {
  const demo = generateDemoProgramme();
  const s = generateDemoScreening(demo, quizzes);

  it("is the same every time", () => {
    expect(JSON.stringify(generateDemoScreening(demo, quizzes))).toEqual(JSON.stringify(s));
  });

  it("has an earlier cohort with evidence, one decision per firm with its snapshot, and outcomes two years apart", () => {
    expect(s.firms).toHaveLength(EARLIER_COHORT_SIZE);
    expect(s.sessions.filter((x) => x.cohortId === s.cohort.id)).toHaveLength(15);
    expect(new Set(s.selections.map((d) => d.firmId)).size).toBe(EARLIER_COHORT_SIZE);
    expect(s.selections.filter((d) => d.decision === "selected").length).toBeGreaterThanOrEqual(8);
    expect(s.selections.filter((d) => d.againstRanking).every((d) => d.reason.length > 0)).toBe(true);
    for (const d of s.selections) expect(parseSnapshot(d.scoreSnapshot)).not.toBeNull();
    expect(s.outcomes).toHaveLength(2 * EARLIER_COHORT_SIZE);
    // Nothing collides with the 2026 demo's ids.
    const ids = new Set([...demo.firms.map((f) => f.id), ...demo.people.map((p) => p.id)]);
    expect([...s.firms, ...s.owners].filter((x) => ids.has(x.id))).toEqual([]);
    expect(s.owners.filter((o) => demo.people.some((p) => p.phone === o.phone))).toEqual([]);
  });

  it("gives the validity page enough firms, and a score that ranks growth better than attendance alone", () => {
    const firms = s.firms.map((f) => {
      const snapshot = parseSnapshot(s.selections.find((d) => d.firmId === f.id)!.scoreSnapshot)!;
      return {
        firmId: f.id,
        total: snapshot.total,
        components: Object.fromEntries(COMPONENT_KEYS.map((k) => [k, snapshot.components[k].percentile])),
        growth: growthOf(s.outcomes.filter((o) => o.firmId === f.id), "sales"),
      };
    });
    const validity = predictiveValidity(firms);
    const total = validity.find((v) => v.predictor === "total")!;
    const attendance = validity.find((v) => v.predictor === "attendance")!;
    expect(total.tooFewToConclude).toBe(false);
    expect(total.spearman!).toBeGreaterThan(attendance.spearman ?? 0);
  });
});
