import { describe, expect, it } from "vitest";
import { followThroughRate, practiceTrend } from "~/modules/coaching/scoring";
import { generateDemoCoaching } from "./coaching";
import { generateDemoProgramme } from "./demo-programme";

describe("the demo coaching visits", () => {
  const demo = generateDemoProgramme();
  const coaching = generateDemoCoaching(demo);
  const byFirm = demo.firms.map((firm) => {
    const visits = coaching.visits.filter((v) => v.firmId === firm.id);
    return { visits, trend: practiceTrend(visits.map((v) => ({ date: v.date, observations: coaching.scores.filter((s) => s.visitId === v.id) }))) };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it("gives every firm 3 to 6 visits, weeks apart, by its cohort's trainer", () => {
    for (const { visits } of byFirm) {
      expect(visits.length).toBeGreaterThanOrEqual(3);
      expect(visits.length).toBeLessThanOrEqual(6);
      for (let i = 1; i < visits.length; i++) expect(visits[i]!.date.getTime() - visits[i - 1]!.date.getTime()).toBeGreaterThanOrEqual(28 * 86_400_000);
    }
  });

  it("starts practice around 0.2-0.4 and raises it by about 0.1-0.25", () => {
    const baselines = byFirm.map((f) => f.trend.baseline!);
    const changes = byFirm.map((f) => f.trend.change!);
    expect(mean(baselines)).toBeGreaterThan(0.2);
    expect(mean(baselines)).toBeLessThan(0.4);
    expect(mean(changes)).toBeGreaterThan(0.1);
    expect(mean(changes)).toBeLessThan(0.25);
  });

  it("reviews every action but the last visit's, with most done or partly done", () => {
    const lastVisits = new Set(byFirm.map((f) => f.visits.at(-1)!.id));
    for (const action of coaching.actions) expect(action.outcome === null).toBe(lastVisits.has(action.visitId));
    const rate = followThroughRate(coaching.actions.map((a) => a.outcome as "done" | null));
    expect(rate).toBeGreaterThan(0.45);
    expect(rate).toBeLessThan(0.85);
  });

  it("is the same every time", () => {
    expect(generateDemoCoaching(demo)).toEqual(coaching);
  });
});
