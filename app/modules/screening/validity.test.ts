import { describe, expect, it } from "vitest";
import { makeSyntheticProgramme } from "./engine.bench-data";
import { screen } from "./engine";
import { COMPONENT_KEYS, DEFAULT_SCREENING_MODEL } from "./model";
import {
  averageRanks,
  fifthsCovered,
  growthByDecision,
  MIN_FIRMS_TO_CONCLUDE,
  predictiveValidity,
  spearman,
  topFifthVsRest,
  type ValidityFirm,
} from "./validity";

describe("rank statistics", () => {
  it("gives tied values the average of the ranks they span", () => {
    expect(averageRanks([30, 10, 20, 20])).toEqual([4, 1, 2.5, 2.5]);
  });

  it("computes Spearman correlation with ties by hand", () => {
    // y ranks 1, 2.5, 2.5, 4, 5 against 1..5: sum dx*dy = 9.5, sum dx^2 = 10, sum dy^2 = 9.5
    expect(spearman([1, 2, 3, 4, 5], [10, 20, 20, 40, 50])).toBeCloseTo(9.5 / Math.sqrt(95), 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(spearman([1, 2, 3], [1, 4, 9])).toBe(1);
  });

  it("has no correlation to report without spread or without pairs", () => {
    expect(spearman([5, 5, 5], [1, 2, 3])).toBeNull();
    expect(spearman([1], [2])).toBeNull();
  });
});

describe("top fifth against the rest", () => {
  it("compares the mean growth and the share that grew", () => {
    const scores = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10];
    const growth = [0.5, -0.1, 0.2, 0.0, 0.1, -0.2, 0.3, 0.1, 0.0, -0.1];
    const result = topFifthVsRest(scores, growth)!;
    expect(result.topMeanGrowth).toBeCloseTo(0.2, 12); // (0.5 - 0.1) / 2
    expect(result.restMeanGrowth).toBeCloseTo(0.4 / 8, 12);
    expect(result.difference).toBeCloseTo(0.15, 12);
    expect(result.topShareGrew).toBe(0.5);
    expect(result.restShareGrew).toBe(4 / 8); // 0.2, 0.1, 0.3, 0.1
  });

  it("lets firms tied at the cut share the places left", () => {
    // Two places among 10: the 9 takes one, the three 8s share the other (1/3 each).
    const scores = [9, 8, 8, 8, 1, 1, 1, 1, 1, 1];
    const growth = [1, 0.3, 0, 0, 0, 0, 0, 0, 0, 0];
    const result = topFifthVsRest(scores, growth)!;
    expect(result.topMeanGrowth).toBeCloseTo((1 + 0.3 / 3) / 2, 12);
    expect(result.restMeanGrowth).toBeCloseTo(((2 / 3) * 0.3) / 8, 12);
    expect(result.topShareGrew).toBeCloseTo((1 + 1 / 3) / 2, 12);
  });

  it("needs at least two firms", () => {
    expect(topFifthVsRest([1], [1])).toBeNull();
  });
});

describe("predictive validity report", () => {
  const firm = (i: number, growth: number | null): ValidityFirm => ({
    firmId: `f${i}`,
    total: i,
    components: { attendance: 100 - i, knowledge: i % 2 === 0 ? i : null },
    growth,
  });

  it("reports the total, each component and attendance alone, with n and a warning below the threshold", () => {
    const rows = predictiveValidity(Array.from({ length: 40 }, (_, i) => firm(i, i < 35 ? i / 10 : null)));
    expect(rows.map((r) => r.predictor)).toEqual(["total", ...COMPONENT_KEYS]);
    const byPredictor = Object.fromEntries(rows.map((r) => [r.predictor, r]));
    expect(byPredictor.total).toMatchObject({ n: 35, spearman: 1, tooFewToConclude: false });
    expect(byPredictor.attendance).toMatchObject({ n: 35, spearman: -1, tooFewToConclude: false });
    expect(byPredictor.knowledge).toMatchObject({ n: 18, spearman: 1, tooFewToConclude: true });
    expect(byPredictor.recordsEvidence).toMatchObject({
      n: 0,
      spearman: null,
      topFifth: null,
      tooFewToConclude: true,
    });
  });

  it(`warns below ${MIN_FIRMS_TO_CONCLUDE} firms and not at ${MIN_FIRMS_TO_CONCLUDE}`, () => {
    const at = (n: number) =>
      predictiveValidity(Array.from({ length: n }, (_, i) => firm(i, i)))[0]!.tooFewToConclude;
    expect(at(MIN_FIRMS_TO_CONCLUDE - 1)).toBe(true);
    expect(at(MIN_FIRMS_TO_CONCLUDE)).toBe(false);
  });

  it("on a synthetic programme, the total ranks later growth better than attendance alone", () => {
    const { firms, ability } = makeSyntheticProgramme(700, 3);
    const results = screen(firms, DEFAULT_SCREENING_MODEL, { comparisonGroup: "cohort" });
    const rows = predictiveValidity(
      results.map((r) => ({
        firmId: r.firmId,
        total: r.total,
        components: Object.fromEntries(COMPONENT_KEYS.map((k) => [k, r.components[k].raw])),
        growth: ability.get(r.firmId)!,
      })),
    );
    const total = rows.find((r) => r.predictor === "total")!;
    const attendance = rows.find((r) => r.predictor === "attendance")!;
    expect(total.spearman!).toBeGreaterThan(attendance.spearman! + 0.1);
    expect(total.topFifth!.difference).toBeGreaterThan(attendance.topFifth!.difference);
  });
});

describe("validity over every firm followed up", () => {
  it("groups growth by decision, with firms without a decision on their own", () => {
    const groups = growthByDecision([
      { decision: "selected", growth: 0.5 },
      { decision: "selected", growth: -0.1 },
      { decision: "undecided", growth: 0.2 },
      { decision: "notSelected", growth: null },
    ]);
    expect(groups.find((g) => g.group === "selected")).toEqual({ group: "selected", n: 2, meanGrowth: 0.2, shareGrew: 0.5 });
    expect(groups.find((g) => g.group === "undecided")).toMatchObject({ n: 1, meanGrowth: 0.2 });
    expect(groups.find((g) => g.group === "notSelected")).toMatchObject({ n: 0, meanGrowth: null });
  });

  it("counts the fifths of the ranking that the follow-up covers", () => {
    const firms = Array.from({ length: 50 }, (_, i) => ({ total: 100 - i, followedUp: false }));
    expect(fifthsCovered(firms)).toBe(0);
    // Only the top ten (the selected) followed up: one fifth.
    expect(fifthsCovered(firms.map((f, i) => ({ ...f, followedUp: i < 10 })))).toBe(1);
    // One in five across the list: all five.
    expect(fifthsCovered(firms.map((f, i) => ({ ...f, followedUp: i % 5 === 0 })))).toBe(5);
  });

  it("gives each Spearman a seeded 90% interval around it", () => {
    const firms = Array.from({ length: 60 }, (_, i) => ({ firmId: `f${i}`, total: i, components: { attendance: (i * 7) % 60 }, growth: i + ((i * 13) % 20) }));
    const [total] = predictiveValidity(firms, { bootstrap: 500 });
    expect(total!.interval![0]).toBeLessThan(total!.spearman!);
    expect(total!.interval![1]).toBeGreaterThan(total!.spearman!);
    expect(predictiveValidity(firms, { bootstrap: 500 })).toEqual(predictiveValidity(firms, { bootstrap: 500 }));
    expect(predictiveValidity(firms)[0]!.interval).toBeNull();
  });
});
