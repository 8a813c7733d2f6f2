// Calibration: learning the component weights from the programme's own past cohorts.
// Pure: standings and growth in, a proposal and its figures out. The method, and why, is in
// docs/decisions/0018-calibration-and-missing-evidence.md. In short:
//  - features are the component percentiles within the firm's group (a missing one at the middle,
//    50), the target is the rank of the firm's growth, so the fit predicts order, not size;
//  - weights are non-negative least squares with a ridge penalty that pulls them toward the
//    current model (rescaled to the data), solved exactly over the active sets with ml-matrix;
//  - the penalty's strength is chosen by k-fold cross-validation on the Spearman correlation of
//    the out-of-fold scores, computed with the screening's own rules (engine.scoreStanding);
//  - every figure carries a seeded 90% bootstrap interval.
import { Matrix, solve } from "ml-matrix";
import { shuffle } from "simple-statistics";
import { scoreStanding, type ComponentStanding } from "./engine";
import { COMPONENT_KEYS, type ComponentKey, type ComponentWeights, type ScreeningModel } from "./model";
import { mulberry32 } from "../statistics/seeded-random";
import { averageRanks, spearman, spearmanInterval, topFifthVsRest, type TopFifthComparison } from "./validity";

export { spearmanInterval };

/** Below this many followed-up firms a proposal would mostly fit noise: refuse, and say so. */
export const MIN_FIRMS_TO_CALIBRATE = 40;

export interface CalibrationFirm {
  readonly standing: ComponentStanding;
  /** Growth of the chosen outcome measure (outcomes.growthOf). */
  readonly growth: number;
}

export interface CalibrationOptions {
  readonly folds?: number;
  readonly seed?: number;
  readonly bootstrap?: number;
}

export type CalibrationPredictor = "current" | "proposed" | ComponentKey;

export interface PredictorFigures {
  readonly predictor: CalibrationPredictor;
  readonly n: number;
  /** Cross-validated for the proposal (scores of each firm from a fit without its fold). */
  readonly spearman: number | null;
  /** 90% bootstrap interval of the Spearman correlation. */
  readonly interval: readonly [number, number] | null;
  readonly topFifth: TopFifthComparison | null;
}

export type CalibrationResult =
  | {
      readonly ok: true;
      readonly n: number;
      readonly weights: ComponentWeights;
      /** Measured agreement between components (model.thresholds.componentAgreement). */
      readonly agreement: number;
      /** The penalty chosen, relative to the data's own scale (0 = plain least squares). */
      readonly shrinkage: number;
      readonly figures: readonly PredictorFigures[];
    }
  | { readonly ok: false; readonly reason: "tooFew"; readonly n: number };

const SHRINKAGE_GRID = [0.001, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

export function calibrate(
  firms: readonly CalibrationFirm[],
  current: ScreeningModel,
  options: CalibrationOptions = {},
): CalibrationResult {
  const n = firms.length;
  if (n < MIN_FIRMS_TO_CALIBRATE) return { ok: false, reason: "tooFew", n };
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 1;
  const bootstrap = options.bootstrap ?? 1000;

  const x = firms.map((f) => f.standing.percentiles.map((p) => (p ?? 50) - 50));
  const growth = firms.map((f) => f.growth);
  const ranks = averageRanks(growth);
  const y = ranks.map((r) => (100 * (r - 0.5)) / n - 50);

  const currentWeights = COMPONENT_KEYS.map((c) => current.weights[c]);
  const agreement = componentAgreement(firms.map((f) => f.standing));

  const foldOf = new Array<number>(n);
  shuffle(
    firms.map((_, i) => i),
    mulberry32(seed),
  ).forEach((i, position) => {
    foldOf[i] = position % folds;
  });

  const all = firms.map((_, i) => i);
  const scale = meanDiagonal(x, all);
  const whole = momentsOf(x, y, all);
  const trainMoments = Array.from({ length: folds }, (_, fold) => subtract(whole, momentsOf(x, y, all.filter((i) => foldOf[i] === fold))));
  let best = { shrinkage: SHRINKAGE_GRID.at(-1)!, spearman: -Infinity, scores: [] as (number | null)[] };
  // Largest penalty first: on a tie the proposal stays closer to the current model.
  for (const shrinkage of [...SHRINKAGE_GRID].reverse()) {
    const scores = new Array<number | null>(n).fill(null);
    for (let fold = 0; fold < folds; fold += 1) {
      const weights = fitWeights(trainMoments[fold]!, currentWeights, shrinkage * scale);
      for (const i of all) if (foldOf[i] === fold) scores[i] = scoreStanding(firms[i]!.standing, weights, agreement);
    }
    const rho = pairedSpearman(scores, growth) ?? -Infinity;
    if (rho > best.spearman + 1e-12) best = { shrinkage, spearman: rho, scores };
  }

  const fitted = fitWeights(whole, currentWeights, best.shrinkage * scale);
  const weights = Object.fromEntries(COMPONENT_KEYS.map((c, i) => [c, Math.round(fitted[i]! * 1000) / 1000])) as Record<ComponentKey, number>;
  if (!COMPONENT_KEYS.some((c) => weights[c] > 0)) COMPONENT_KEYS.forEach((c) => (weights[c] = current.weights[c]));

  const random = mulberry32(seed + 1);
  const figures: PredictorFigures[] = [
    figuresOf("current", firms.map((f) => scoreStanding(f.standing, currentWeights, current.thresholds.componentAgreement)), growth, bootstrap, random),
    figuresOf("proposed", best.scores, growth, bootstrap, random),
    ...COMPONENT_KEYS.map((c, i) => figuresOf(c, firms.map((f) => f.standing.percentiles[i] ?? null), growth, bootstrap, random)),
  ];
  return { ok: true, n, weights, agreement, shrinkage: best.shrinkage, figures };
}

/** X'X and X'y over some rows: all a fit needs, so folds are sums of these. */
export interface Moments {
  readonly gram: number[][];
  readonly moment: number[];
}

export function momentsOf(x: readonly (readonly number[])[], y: readonly number[], rows: Iterable<number>): Moments {
  const k = x[0]?.length ?? 0;
  const gram = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const moment = new Array<number>(k).fill(0);
  for (const i of rows) {
    const row = x[i]!;
    for (let a = 0; a < k; a += 1) {
      moment[a]! += row[a]! * y[i]!;
      for (let b = 0; b < k; b += 1) gram[a]![b]! += row[a]! * row[b]!;
    }
  }
  return { gram, moment };
}

function subtract(all: Moments, part: Moments): Moments {
  return {
    gram: all.gram.map((row, a) => row.map((v, b) => v - part.gram[a]![b]!)),
    moment: all.moment.map((v, a) => v - part.moment[a]!),
  };
}

/**
 * Non-negative weights minimising |y - X b|^2 + penalty |b - s w0|^2, where w0 is the current
 * model (weights summing to 1) and s the scale that best fits it to the data (never negative).
 * With six components the exact answer is found by solving the unconstrained problem on every
 * set of components allowed to be positive and keeping the best feasible one (63 tiny systems,
 * an active-set method that cannot stall). Returned normalised to sum to 1.
 */
export function fitWeights({ gram, moment }: Moments, currentWeights: readonly number[], penalty: number): number[] {
  const k = currentWeights.length;
  const total = currentWeights.reduce((s, w) => s + w, 0);
  const w0 = currentWeights.map((w) => w / total);
  // |X w0|^2 and (X w0)'y from the moments.
  let fittedSquares = 0;
  let across = 0;
  for (let a = 0; a < k; a += 1) {
    across += w0[a]! * moment[a]!;
    for (let b = 0; b < k; b += 1) fittedSquares += w0[a]! * gram[a]![b]! * w0[b]!;
  }
  const scale = fittedSquares > 0 ? Math.max(0, across / fittedSquares) : 0;
  const a = new Matrix(gram.map((row) => [...row]));
  const b = Matrix.columnVector(moment.map((m, i) => m + penalty * scale * w0[i]!));
  for (let i = 0; i < k; i += 1) a.set(i, i, a.get(i, i) + penalty);
  let best: number[] | null = null;
  let bestObjective = Infinity;
  for (let mask = 1; mask < 1 << k; mask += 1) {
    const active = Array.from({ length: k }, (_, i) => i).filter((i) => mask & (1 << i));
    let solution: number[];
    try {
      solution = solve(a.selection(active, active), b.selection(active, [0])).to1DArray();
    } catch {
      continue;
    }
    if (solution.some((v) => !(v >= 0))) continue;
    const beta = new Array<number>(k).fill(0);
    active.forEach((i, j) => (beta[i] = solution[j]!));
    const objective = quadratic(a, b, beta);
    if (objective < bestObjective) {
      bestObjective = objective;
      best = beta;
    }
  }
  const sum = best ? best.reduce((s, v) => s + v, 0) : 0;
  return best && sum > 0 ? best.map((v) => v / sum) : w0;
}

/** 1/2 b'Ab - b'm: the penalised squared error up to a constant. */
function quadratic(a: Matrix, m: Matrix, beta: readonly number[]): number {
  let value = 0;
  for (let i = 0; i < beta.length; i += 1) {
    value -= m.get(i, 0) * beta[i]!;
    for (let j = 0; j < beta.length; j += 1) value += 0.5 * beta[i]! * a.get(i, j) * beta[j]!;
  }
  return value;
}

/** Sum over rows of the mean squared feature: the data's own scale for the penalty. */
function meanDiagonal(x: readonly (readonly number[])[], rows: readonly number[]): number {
  let sum = 0;
  for (const i of rows) for (const v of x[i]!) sum += v * v;
  return sum / x[0]!.length || 1;
}

/**
 * How strongly the components agree: the mean Spearman correlation over pairs of components,
 * each pair over the firms compared on both (pairs with fewer than 10 such firms left out).
 * Clamped to 0-1; the default model's value when nothing can be measured.
 */
export function componentAgreement(standings: readonly ComponentStanding[], fallback = 0.3): number {
  const k = COMPONENT_KEYS.length;
  const values: number[] = [];
  for (let a = 0; a < k; a += 1) {
    for (let b = a + 1; b < k; b += 1) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (const s of standings) {
        const pa = s.percentiles[a];
        const pb = s.percentiles[b];
        if (pa !== null && pa !== undefined && pb !== null && pb !== undefined) {
          xs.push(pa);
          ys.push(pb);
        }
      }
      if (xs.length < 10) continue;
      const r = spearman(xs, ys);
      if (r !== null) values.push(r);
    }
  }
  if (values.length === 0) return fallback;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.round(Math.min(1, Math.max(0, mean)) * 1000) / 1000;
}

function pairedSpearman(scores: readonly (number | null)[], growth: readonly number[]): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  scores.forEach((s, i) => {
    if (s !== null) {
      xs.push(s);
      ys.push(growth[i]!);
    }
  });
  return spearman(xs, ys);
}

function figuresOf(
  predictor: CalibrationPredictor,
  scores: readonly (number | null)[],
  growth: readonly number[],
  bootstrap: number,
  random: () => number,
): PredictorFigures {
  const xs: number[] = [];
  const ys: number[] = [];
  scores.forEach((s, i) => {
    if (s !== null) {
      xs.push(s);
      ys.push(growth[i]!);
    }
  });
  return {
    predictor,
    n: xs.length,
    spearman: spearman(xs, ys),
    interval: spearmanInterval(xs, ys, bootstrap, random),
    topFifth: topFifthVsRest(xs, ys),
  };
}

