import { describe, expect, it } from "vitest";
import { seededRandom } from "./assignment";
import {
  demeanWithinStrata,
  effectOnParticipants,
  fixedEffectsCoefficients,
  heterogeneity,
  intentionToTreat,
  olsHC2,
  randomisationPValues,
  standardisedDifference,
  type Unit,
} from "./estimators";

describe("the intention-to-treat estimate, against a small example worked by hand", () => {
  // Treated 3, 5, 7 (mean 5, variance 4); control 1, 2, 3 (mean 2, variance 1); one stratum.
  // With one binary regressor, HC2 equals the Neyman variance s1^2/n1 + s0^2/n0 = 4/3 + 1/3 = 5/3.
  // Residual degrees of freedom 6 - 2 = 4, t(0.975, 4) = 2.776445; half-width 2.776445 * 1.290994 = 3.584375.
  const units: Unit[] = [3, 5, 7].map((y) => ({ arm: 1, stratum: 0, y })).concat([1, 2, 3].map((y) => ({ arm: 0, stratum: 0, y })));

  it("gives the difference, the HC2 standard error and the t interval", () => {
    const [e] = intentionToTreat(units, 2);
    expect(e!.estimate).toBeCloseTo(3, 10);
    expect(e!.se).toBeCloseTo(Math.sqrt(5 / 3), 10);
    expect(e!.df).toBe(4);
    expect(e!.low).toBeCloseTo(3 - 3.584375, 5);
    expect(e!.high).toBeCloseTo(3 + 3.584375, 5);
  });

  it("with two strata of the same make-up, the estimate is the average of the two differences", () => {
    // Stratum 0: treated 3, 5 vs control 1, 3 (difference 2); stratum 1: treated 14, 16 vs control 10, 10 (difference 5).
    const two: Unit[] = [
      { arm: 1, stratum: 0, y: 3 },
      { arm: 1, stratum: 0, y: 5 },
      { arm: 0, stratum: 0, y: 1 },
      { arm: 0, stratum: 0, y: 3 },
      { arm: 1, stratum: 1, y: 14 },
      { arm: 1, stratum: 1, y: 16 },
      { arm: 0, stratum: 1, y: 10 },
      { arm: 0, stratum: 1, y: 10 },
    ];
    const [e] = intentionToTreat(two, 2);
    expect(e!.estimate).toBeCloseTo(3.5, 10);
    expect(e!.df).toBe(5);
    // Without the stratum fixed effects the spread between strata would swamp the error: it is removed.
    expect(e!.se).toBeLessThan(1.5);
  });

  it("refuses what cannot be estimated instead of returning noise", () => {
    expect(intentionToTreat(units.filter((u) => u.arm === 1), 2)).toEqual([null]);
    expect(olsHC2([[1, 0]], [1])).toBeNull();
    expect(olsHC2([[1, 1], [1, 1], [1, 1]], [1, 2, 3])).toBeNull();
  });

  it("the effect on those who took part divides by the difference in take-up, and is refused when take-up did not move", () => {
    const [e] = intentionToTreat(units, 2);
    const wald = effectOnParticipants(e!, 0.5)!;
    expect(wald.estimate).toBeCloseTo(6, 10);
    expect(wald.low).toBeCloseTo(e!.low / 0.5, 10);
    expect(effectOnParticipants(e!, 0.01)).toBeNull();
  });

  it("standardised differences divide by the pooled standard deviation", () => {
    // means 5 and 2, variances 4 and 1: (5 - 2) / sqrt(2.5)
    expect(standardisedDifference([3, 5, 7], [1, 2, 3])).toBeCloseTo(3 / Math.sqrt(2.5), 10);
    expect(standardisedDifference([1], [1, 2])).toBeNull();
  });
});

/** A simulated stratified experiment: `arms` arms in equal shares within `strata` strata. */
function simulate(random: () => number, n: number, strata: number, arms: number, effect: number) {
  const normal = () => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  const stratumOf = Int32Array.from({ length: n }, (_, i) => i % strata);
  const members: number[][] = Array.from({ length: strata }, () => []);
  stratumOf.forEach((s, i) => members[s]!.push(i));
  const arm = new Int32Array(n);
  for (const m of members) {
    const shuffled = [...m].sort(() => random() - 0.5);
    shuffled.forEach((i, k) => (arm[i] = k % arms));
  }
  // Stratum levels differ, and the treated arm's outcomes are noisier (what HC2 is for).
  const y = Array.from({ length: n }, (_, i) => stratumOf[i]! * 2 + (arm[i]! > 0 ? effect : 0) + normal() * (arm[i]! > 0 ? 2 : 1));
  return { stratumOf, members, arm, y };
}

describe("the estimators on simulated experiments", () => {
  it("the fixed-effects shortcut used for re-draws gives the regression's coefficients", () => {
    const s = simulate(seededRandom(7), 60, 4, 3, 1);
    const units = s.y.map((y, i) => ({ arm: s.arm[i]!, stratum: s.stratumOf[i]!, y }));
    const full = intentionToTreat(units, 3).map((e) => e!.estimate);
    const fast = fixedEffectsCoefficients(demeanWithinStrata(s.y, s.stratumOf, 4), s.stratumOf, 4, s.arm, 3)!;
    expect(fast[0]).toBeCloseTo(full[0]!, 8);
    expect(fast[1]).toBeCloseTo(full[1]!, 8);
  });

  it("the 95% interval covers a known effect in 92-98% of 200 experiments", () => {
    const random = seededRandom(20260601);
    let covered = 0;
    for (let r = 0; r < 200; r++) {
      const s = simulate(random, 80, 4, 2, 0.7);
      const [e] = intentionToTreat(s.y.map((y, i) => ({ arm: s.arm[i]!, stratum: s.stratumOf[i]!, y })), 2);
      if (e!.low <= 0.7 && 0.7 <= e!.high) covered++;
    }
    expect(covered / 200).toBeGreaterThanOrEqual(0.92);
    expect(covered / 200).toBeLessThanOrEqual(0.98);
  });

  it("the randomisation-inference p-value is uniform when there is no effect (Kolmogorov-Smirnov at 5%)", () => {
    const random = seededRandom(424242);
    const p: number[] = [];
    for (let r = 0; r < 200; r++) {
      const s = simulate(random, 40, 2, 2, 0);
      const all = Int32Array.from({ length: 40 }, (_, i) => i);
      const value = randomisationPValues({ strata: s.members, ratios: [1, 1] }, 40, s.arm, [{ firms: all, y: s.y, strata: s.stratumOf, strataCount: 2 }], 99, 1000 + r)[0]![0]!;
      p.push(value);
    }
    p.sort((a, b) => a - b);
    let d = 0;
    p.forEach((v, i) => (d = Math.max(d, Math.abs((i + 1) / p.length - v), Math.abs(v - i / p.length))));
    // Critical value of the one-sample KS statistic at 5% for n = 200: 1.358 / sqrt(200) = 0.096.
    expect(d).toBeLessThan(1.358 / Math.sqrt(200));
  });

  it("the randomisation-inference p-value is small when the effect is large", () => {
    const s = simulate(seededRandom(3), 60, 2, 2, 3);
    const all = Int32Array.from({ length: 60 }, (_, i) => i);
    const value = randomisationPValues({ strata: s.members, ratios: [1, 1] }, 60, s.arm, [{ firms: all, y: s.y, strata: s.stratumOf, strataCount: 2 }], 199, 5)[0]![0]!;
    expect(value).toBeLessThan(0.02);
  });

  it("heterogeneity: the effect above and below the median and their difference", () => {
    const random = seededRandom(11);
    const s = simulate(random, 400, 2, 2, 0);
    const above = s.y.map((_, i) => i % 4 < 2);
    // Add an effect of 2 for treated firms above the median only.
    const y = s.y.map((v, i) => v + (s.arm[i] === 1 && above[i] ? 2 : 0));
    const [h] = heterogeneity(y.map((v, i) => ({ arm: s.arm[i]!, stratum: s.stratumOf[i]!, y: v })), above, 2);
    expect(h!.above.low).toBeLessThan(2);
    expect(h!.above.high).toBeGreaterThan(2);
    expect(h!.difference.estimate).toBeCloseTo(h!.above.estimate - h!.below.estimate, 8);
    expect(h!.difference.low).toBeGreaterThan(0);
  });
});
