import { quantile } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { calibrate, componentAgreement, fitWeights, MIN_FIRMS_TO_CALIBRATE, momentsOf, spearmanInterval, type CalibrationFirm } from "./calibration";
import { componentStandings } from "./engine";
import { makeSyntheticProgramme } from "./engine.bench-data";
import { COMPONENT_KEYS, DEFAULT_SCREENING_MODEL, type ComponentKey } from "./model";
import { mulberry32 } from "../statistics/seeded-random";
import { spearman } from "./validity";

/**
 * A synthetic past cohort: hidden ability drives every component (engine.bench-data.ts), a fifth
 * of the firms miss their visits, and later growth is driven by `drivers` only, plus noise.
 */
function pastProgramme(n: number, seed: number, drivers: readonly ComponentKey[]): CalibrationFirm[] {
  const programme = makeSyntheticProgramme(n, seed, { withoutVisits: 0.2 });
  const standings = componentStandings(programme.firms, DEFAULT_SCREENING_MODEL.thresholds, { comparisonGroup: "cohort" });
  const random = mulberry32(seed * 7 + 3);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return standings.map((standing) => {
    const signal = drivers.reduce((s, c) => s + ((standing.percentiles[COMPONENT_KEYS.indexOf(c)] ?? 50) - 50) / 29, 0) / drivers.length;
    return { standing, growth: 0.1 + 0.15 * (signal + 0.7 * normal()) };
  });
}

describe("calibration", () => {
  it("beats the default weights when growth is driven by a subset of components", () => {
    const gains = [11, 12, 13, 14, 15].map((seed) => {
      const result = calibrate(pastProgramme(300, seed, ["knowledge", "attendance"]), DEFAULT_SCREENING_MODEL, { bootstrap: 0 });
      if (!result.ok) throw new Error("refused");
      const current = result.figures.find((f) => f.predictor === "current")!.spearman!;
      const proposed = result.figures.find((f) => f.predictor === "proposed")!.spearman!;
      // The proposal leans on the components that drive growth.
      expect(result.weights.knowledge + result.weights.attendance).toBeGreaterThan(0.5);
      return proposed - current;
    });
    for (const gain of gains) expect(gain).toBeGreaterThan(0);
  }, 60_000);

  it("stays near the current weights when they already fit", () => {
    const result = calibrate(pastProgramme(300, 21, [...COMPONENT_KEYS]), DEFAULT_SCREENING_MODEL, { bootstrap: 100 });
    if (!result.ok) throw new Error("refused");
    for (const c of COMPONENT_KEYS) expect(result.weights[c]).toBeGreaterThanOrEqual(0);
    const proposed = result.figures.find((f) => f.predictor === "proposed")!;
    const current = result.figures.find((f) => f.predictor === "current")!;
    expect(proposed.spearman!).toBeGreaterThan(current.spearman! - 0.05);
  });

  it("refuses with fewer than 40 firms followed up", () => {
    const firms = pastProgramme(300, 5, ["knowledge"]).slice(0, MIN_FIRMS_TO_CALIBRATE - 1);
    expect(calibrate(firms, DEFAULT_SCREENING_MODEL)).toEqual({ ok: false, reason: "tooFew", n: 39 });
    expect(calibrate(firms.slice(0, 1), DEFAULT_SCREENING_MODEL)).toEqual({ ok: false, reason: "tooFew", n: 1 });
  });

  it("gives the same proposal and intervals for the same data (seeded)", () => {
    const firms = pastProgramme(120, 8, ["recordsEvidence"]);
    expect(calibrate(firms, DEFAULT_SCREENING_MODEL, { bootstrap: 100 })).toEqual(calibrate(firms, DEFAULT_SCREENING_MODEL, { bootstrap: 100 }));
  });

  it("shows each figure with an interval around it", () => {
    const result = calibrate(pastProgramme(200, 3, ["practiceAdoption"]), DEFAULT_SCREENING_MODEL, { bootstrap: 300 });
    if (!result.ok) throw new Error("refused");
    expect(result.figures.map((f) => f.predictor)).toEqual(["current", "proposed", ...COMPONENT_KEYS]);
    for (const f of result.figures) {
      expect(f.interval![0]).toBeLessThanOrEqual(f.spearman! + 0.05);
      expect(f.interval![1]).toBeGreaterThanOrEqual(f.spearman! - 0.05);
      expect(f.topFifth).not.toBeNull();
    }
  });
});

describe("fitWeights", () => {
  const x = Array.from({ length: 200 }, (_, i) => COMPONENT_KEYS.map((_, k) => Math.sin(i * (k + 1.3)) * 40));
  const current = COMPONENT_KEYS.map((c) => DEFAULT_SCREENING_MODEL.weights[c]);
  const rows = x.map((_, i) => i);

  it("recovers non-negative weights that generate the target, and never goes negative", () => {
    const y = x.map((row) => 0.7 * row[3]! + 0.3 * row[4]! - 0.5 * row[0]!);
    const w = fitWeights(momentsOf(x, y, rows), current, 1e-6);
    expect(w[0]).toBe(0);
    for (const v of w) expect(v).toBeGreaterThanOrEqual(0);
    expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    expect(w[3]! / w[4]!).toBeGreaterThan(1.5);
  });

  it("returns the current weights under a very strong pull toward them", () => {
    const y = x.map((row) => row[5]!);
    const w = fitWeights(momentsOf(x, y, rows), current, 1e12);
    w.forEach((v, i) => expect(v).toBeCloseTo(current[i]!, 3));
  });
});

describe("spearmanInterval", () => {
  it("equals recomputing Spearman on each explicit resample", () => {
    const random = mulberry32(4);
    const x = Array.from({ length: 60 }, () => Math.round(random() * 10));
    const y = x.map((v) => v + Math.round(random() * 8));
    const fast = spearmanInterval(x, y, 200, mulberry32(9))!;
    const draw = mulberry32(9);
    const values: number[] = [];
    for (let r = 0; r < 200; r += 1) {
      const picks = Array.from({ length: x.length }, () => Math.floor(draw() * x.length));
      const rho = spearman(picks.map((i) => x[i]!), picks.map((i) => y[i]!));
      if (rho !== null) values.push(rho);
    }
    const [lo, hi] = quantile(values, [0.05, 0.95]) as number[];
    expect(fast[0]).toBeCloseTo(lo!, 9);
    expect(fast[1]).toBeCloseTo(hi!, 9);
  });
});

describe("componentAgreement", () => {
  it("reads about 0.3 on the demo-like synthetic programme, and falls back with too few firms", () => {
    const programme = makeSyntheticProgramme(400, 2);
    const standings = componentStandings(programme.firms, DEFAULT_SCREENING_MODEL.thresholds, { comparisonGroup: "cohort" });
    expect(componentAgreement(standings)).toBeGreaterThan(0.15);
    expect(componentAgreement(standings)).toBeLessThan(0.5);
    expect(componentAgreement(standings.slice(0, 5))).toBe(0.3);
  });
});
