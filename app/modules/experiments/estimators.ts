/**
 * The estimators of the randomised evaluation, written down with their formulas in
 * docs/decisions/0019-randomised-evaluation.md. Pure: no database, no framework. Matrix algebra
 * comes from ml-matrix and the t distribution from jstat, not from hand-written numerics.
 */
import jstat from "jstat";
import { inverse, Matrix, solve } from "ml-matrix";
import { mean, sampleVariance } from "simple-statistics";
import { redraw, seededRandom } from "./assignment";

export type OlsFit = {
  readonly beta: number[];
  /** HC2 covariance of beta. */
  readonly cov: number[][];
  readonly n: number;
  readonly k: number;
  /** Residual degrees of freedom, n - k: the t distribution's. */
  readonly df: number;
};

/**
 * OLS with HC2 robust covariance: V = (X'X)^-1 X' diag(e_i^2 / (1 - h_ii)) X (X'X)^-1, where
 * h_ii = x_i' (X'X)^-1 x_i. An observation alone in its stratum has h_ii = 1 and a residual of 0:
 * it adds nothing, so it is left out of the middle term instead of dividing 0 by 0.
 * Null when X has no more rows than columns or X'X cannot be inverted.
 */
export function olsHC2(rows: readonly (readonly number[])[], y: readonly number[]): OlsFit | null {
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  if (n <= k || k === 0) return null;
  const X = new Matrix(rows as number[][]);
  const Xt = X.transpose();
  let xtxInv: Matrix;
  try {
    xtxInv = inverse(Xt.mmul(X));
  } catch {
    return null;
  }
  if (!xtxInv.to1DArray().every(Number.isFinite)) return null;
  const Y = Matrix.columnVector(y as number[]);
  const beta = xtxInv.mmul(Xt).mmul(Y);
  // A singular X'X can still "invert" to huge numbers: check the fit reproduces the normal equations.
  const check = Xt.mmul(X).mmul(beta).sub(Xt.mmul(Y)).abs().max();
  if (!(check < 1e-6 * Math.max(1, Xt.mmul(Y).abs().max()))) return null;
  const fitted = X.mmul(beta);
  // h_ii = row i of X (X'X)^-1 dotted with row i of X; the middle term is X' W X with
  // W = diag(e_i^2 / (1 - h_ii)), formed by scaling X's rows (two matrix products, no loop of outer products).
  const A = X.mmul(xtxInv);
  const scaled = X.clone();
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let j = 0; j < k; j++) h += A.get(i, j) * X.get(i, j);
    const e = y[i]! - fitted.get(i, 0);
    const w = 1 - h < 1e-10 ? 0 : (e * e) / (1 - h);
    for (let j = 0; j < k; j++) scaled.set(i, j, X.get(i, j) * w);
  }
  const meat = Xt.mmul(scaled);
  const cov = xtxInv.mmul(meat).mmul(xtxInv);
  return { beta: beta.to1DArray(), cov: cov.to2DArray(), n, k, df: n - k };
}

export type Estimate = {
  readonly estimate: number;
  readonly se: number;
  readonly low: number;
  readonly high: number;
  readonly df: number;
  readonly n: number;
};

/** A 95% interval from the t distribution with the regression's residual degrees of freedom. */
export function interval(estimate: number, se: number, df: number, n: number): Estimate {
  const t = jstat.studentt.inv(0.975, df);
  return { estimate, se, low: estimate - t * se, high: estimate + t * se, df, n };
}

/** c'beta with its standard error sqrt(c' V c). */
export function contrast(fit: OlsFit, weights: readonly number[]): { estimate: number; se: number } {
  let estimate = 0;
  let variance = 0;
  for (let a = 0; a < weights.length; a++) {
    estimate += weights[a]! * fit.beta[a]!;
    for (let b = 0; b < weights.length; b++) variance += weights[a]! * weights[b]! * fit.cov[a]![b]!;
  }
  return { estimate, se: Math.sqrt(Math.max(0, variance)) };
}

/** One analysed firm: its assigned arm (0 is control), its stratum (index), its outcome. */
export type Unit = { readonly arm: number; readonly stratum: number; readonly y: number };

/** Columns: intercept, one dummy per treated arm, one per stratum present except the first. */
function design(units: readonly Unit[], arms: number, extra?: (u: Unit, i: number) => number[]): number[][] {
  const strata = [...new Set(units.map((u) => u.stratum))].sort((a, b) => a - b).slice(1);
  return units.map((u, i) => [1, ...Array.from({ length: arms - 1 }, (_, j) => (u.arm === j + 1 ? 1 : 0)), ...(extra ? extra(u, i) : []), ...strata.map((s) => (u.stratum === s ? 1 : 0))]);
}

/**
 * Intention to treat: y = a + sum_j b_j [arm = j] + stratum fixed effects + e, HC2 errors.
 * One estimate per treated arm (index j - 1 for arm j); null where an arm cannot be estimated.
 */
export function intentionToTreat(units: readonly Unit[], arms: number): (Estimate | null)[] {
  const empty = Array.from({ length: arms - 1 }, () => null);
  const present = new Set(units.map((u) => u.arm));
  if (!present.has(0)) return empty;
  const fit = olsHC2(design(units, arms), units.map((u) => u.y));
  if (!fit) return empty;
  return empty.map((_, j) => {
    if (!present.has(j + 1)) return null;
    const se = Math.sqrt(Math.max(0, fit.cov[j + 1]![j + 1]!));
    return interval(fit.beta[j + 1]!, se, fit.df, fit.n);
  });
}

export type Heterogeneity = { readonly below: Estimate; readonly above: Estimate; readonly difference: Estimate };

/**
 * The effect for firms at or above the median baseline score (H = 1) and below it, from one
 * regression: y = a + g H + sum_j (b_j D_j + d_j D_j H) + strata + e. Below = b_j,
 * above = b_j + d_j, difference = d_j, each with its HC2 interval.
 */
export function heterogeneity(units: readonly Unit[], above: readonly boolean[], arms: number): (Heterogeneity | null)[] {
  const empty = Array.from({ length: arms - 1 }, () => null);
  const ext = (u: Unit, i: number) => [above[i] ? 1 : 0, ...Array.from({ length: arms - 1 }, (_, j) => (u.arm === j + 1 && above[i] ? 1 : 0))];
  const fit = olsHC2(design(units, arms, ext), units.map((u) => u.y));
  if (!fit) return empty;
  const k = fit.k;
  return empty.map((_, j) => {
    const at = (entries: [number, number][]) => {
      const w = new Array<number>(k).fill(0);
      for (const [i, v] of entries) w[i] = v;
      const c = contrast(fit, w);
      return interval(c.estimate, c.se, fit.df, fit.n);
    };
    const main = 1 + j;
    const inter = arms + 1 + j;
    const result = { below: at([[main, 1]]), above: at([[main, 1], [inter, 1]]), difference: at([[inter, 1]]) };
    return [result.below, result.above, result.difference].every((e) => Number.isFinite(e.estimate) && Number.isFinite(e.se) && e.se > 0) ? result : null;
  });
}

/**
 * The arm coefficients of the fixed-effects regression by the Frisch-Waugh-Lovell route: with
 * n_sj firms of arm j in stratum s, p_sj their share and y~ the outcome less its stratum mean,
 * M_jk = sum_s n_s (p_sj [j = k] - p_sj p_sk) and b_j = sum_{i in arm j} y~_i, beta = M^-1 b.
 * Equal to intentionToTreat's estimates, in O(n) per assignment: what makes 2,000 re-draws cheap.
 */
export function fixedEffectsCoefficients(yTilde: Float64Array, strata: Int32Array, strataCount: number, arm: Int32Array, arms: number): number[] | null {
  const counts = new Float64Array(strataCount * arms);
  const sums = new Float64Array(arms);
  for (let i = 0; i < yTilde.length; i++) {
    counts[strata[i]! * arms + arm[i]!]! += 1;
    sums[arm[i]!]! += yTilde[i]!;
  }
  const m = arms - 1;
  const M = Matrix.zeros(m, m);
  for (let s = 0; s < strataCount; s++) {
    let ns = 0;
    for (let j = 0; j < arms; j++) ns += counts[s * arms + j]!;
    if (ns === 0) continue;
    for (let j = 1; j < arms; j++) {
      const pj = counts[s * arms + j]! / ns;
      for (let k = 1; k < arms; k++) {
        const pk = counts[s * arms + k]! / ns;
        M.set(j - 1, k - 1, M.get(j - 1, k - 1) + ns * ((j === k ? pj : 0) - pj * pk));
      }
    }
  }
  try {
    const beta = solve(M, Matrix.columnVector(Array.from(sums.subarray(1)))).to1DArray();
    return beta.every(Number.isFinite) ? beta : null;
  } catch {
    return null;
  }
}

export function demeanWithinStrata(y: readonly number[], strata: Int32Array, strataCount: number): Float64Array {
  const sums = new Float64Array(strataCount);
  const counts = new Float64Array(strataCount);
  y.forEach((v, i) => {
    sums[strata[i]!]! += v;
    counts[strata[i]!]! += 1;
  });
  return Float64Array.from(y, (v, i) => v - sums[strata[i]!]! / counts[strata[i]!]!);
}

/** The assignment rule, re-drawn: strata of all assigned firms (indices into the roster) and the arms' ratios. */
export type Rule = { readonly strata: readonly (readonly number[])[]; readonly ratios: readonly number[] };

/** An outcome to test: which roster firms have it (indices), its values, their strata. */
export type RiOutcome = { readonly firms: Int32Array; readonly y: readonly number[]; readonly strata: Int32Array; readonly strataCount: number };

/**
 * Randomisation inference: the assignment is drawn again `draws` times by the same rule (seeded),
 * the fixed-effects coefficient recomputed on each, and the p-value of each arm is the share of
 * draws at least as far from zero as the one observed, counting the observed one:
 * p = (1 + #{|b*| >= |b|}) / (1 + draws). One set of draws serves every outcome.
 */
export function randomisationPValues(rule: Rule, rosterSize: number, observedArm: Int32Array, outcomes: readonly RiOutcome[], draws: number, seed: number): (number | null)[][] {
  const arms = rule.ratios.length;
  const prepared = outcomes.map((o) => {
    const yTilde = demeanWithinStrata(o.y, o.strata, o.strataCount);
    const armOf = Int32Array.from(o.firms, (f) => observedArm[f]!);
    return { o, yTilde, armOf, observed: fixedEffectsCoefficients(yTilde, o.strata, o.strataCount, armOf, arms), extreme: new Array<number>(arms - 1).fill(0), valid: 0 };
  });
  const random = seededRandom(seed);
  const drawn = new Int32Array(rosterSize);
  for (let d = 0; d < draws; d++) {
    redraw(rule.strata, rule.ratios, random, drawn);
    for (const p of prepared) {
      if (!p.observed) continue;
      for (let i = 0; i < p.o.firms.length; i++) p.armOf[i] = drawn[p.o.firms[i]!]!;
      const beta = fixedEffectsCoefficients(p.yTilde, p.o.strata, p.o.strataCount, p.armOf, arms);
      if (!beta) continue;
      p.valid++;
      beta.forEach((b, j) => {
        if (Math.abs(b) >= Math.abs(p.observed![j]!) - 1e-12) p.extreme[j]! += 1;
      });
    }
  }
  return prepared.map((p) => (p.observed ? p.extreme.map((e) => (1 + e) / (1 + p.valid)) : new Array<number | null>(arms - 1).fill(null)));
}

/**
 * Standardised difference of a covariate between an arm and control:
 * (mean_arm - mean_control) / sqrt((var_arm + var_control) / 2). Null with fewer than two values
 * on either side, or no spread at all.
 */
export function standardisedDifference(arm: readonly number[], control: readonly number[]): number | null {
  if (arm.length < 2 || control.length < 2) return null;
  const pooled = Math.sqrt((sampleVariance(arm as number[]) + sampleVariance(control as number[])) / 2);
  if (!(pooled > 0)) return mean(arm as number[]) === mean(control as number[]) ? 0 : null;
  return (mean(arm as number[]) - mean(control as number[])) / pooled;
}

export const BALANCE_FLAG = 0.1;

/**
 * The effect on those who took part (Wald / instrumental variables): the intention-to-treat effect
 * divided by the difference in take-up the offer caused, both from the same regression. Its
 * interval divides the ITT interval's ends by the take-up difference, which leaves out the
 * uncertainty of the take-up difference itself (small next to that of the outcome; said in the
 * decision record). Null when the offer hardly changed take-up (below 5 points).
 */
export function effectOnParticipants(itt: Estimate, takeUpDifference: number): Estimate | null {
  if (!(Math.abs(takeUpDifference) >= 0.05)) return null;
  const a = itt.low / takeUpDifference;
  const b = itt.high / takeUpDifference;
  return { estimate: itt.estimate / takeUpDifference, se: itt.se / Math.abs(takeUpDifference), low: Math.min(a, b), high: Math.max(a, b), df: itt.df, n: itt.n };
}
