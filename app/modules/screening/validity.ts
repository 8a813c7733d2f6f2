// Predictive validity: did the firms the screen ranked high grow more later? Shown for the total,
// for each single component, and for attendance alone (the "attendance" component: the naive
// screen an agency would use without this product), so an agency can see whether the weighting
// earns its keep. Pure statistics, no p-values: the n and the warning carry the uncertainty.
import { quantile } from "simple-statistics";
import { COMPONENT_KEYS, type ComponentKey } from "./model";
import { mulberry32 } from "../statistics/seeded-random";

/**
 * Below 30 firms a rank correlation has to exceed about 0.36 to differ from zero at the usual 5%
 * level, and the top fifth is six firms or fewer: too few to conclude anything from.
 */
export const MIN_FIRMS_TO_CONCLUDE = 30;

export type Predictor = "total" | ComponentKey;

export interface ValidityFirm {
  readonly firmId: string;
  /** The score stored at selection time, not a recomputed one. */
  readonly total: number | null;
  readonly components: Partial<Record<ComponentKey, number | null>>;
  /** Later outcome growth (e.g. relative sales growth); null when not followed up. */
  readonly growth: number | null;
}

export interface TopFifthComparison {
  readonly topMeanGrowth: number;
  readonly restMeanGrowth: number;
  /** topMeanGrowth - restMeanGrowth. */
  readonly difference: number;
  /** Share (0-1) of the top fifth whose outcome grew (growth > 0). */
  readonly topShareGrew: number;
  readonly restShareGrew: number;
}

export interface PredictorValidity {
  readonly predictor: Predictor;
  /** Firms with both this predictor and a growth figure. */
  readonly n: number;
  /** Spearman rank correlation with growth; null when it is undefined (n < 2 or no spread). */
  readonly spearman: number | null;
  readonly topFifth: TopFifthComparison | null;
  readonly tooFewToConclude: boolean;
  /** 90% bootstrap interval of the Spearman correlation (seeded); null when not asked or n < 3. */
  readonly interval: readonly [number, number] | null;
}

/** `bootstrap` replicates (seeded) give each Spearman its 90% interval; 0 leaves them out. */
export function predictiveValidity(firms: readonly ValidityFirm[], options: { bootstrap?: number; seed?: number } = {}): PredictorValidity[] {
  const random = mulberry32(options.seed ?? 1);
  const predictors: Predictor[] = ["total", ...COMPONENT_KEYS];
  return predictors.map((predictor) => {
    const scores: number[] = [];
    const growth: number[] = [];
    for (const firm of firms) {
      const score = predictor === "total" ? firm.total : firm.components[predictor];
      if (isNumber(score) && isNumber(firm.growth)) {
        scores.push(score);
        growth.push(firm.growth);
      }
    }
    return {
      predictor,
      n: scores.length,
      spearman: spearman(scores, growth),
      topFifth: topFifthVsRest(scores, growth),
      tooFewToConclude: scores.length < MIN_FIRMS_TO_CONCLUDE,
      interval: options.bootstrap ? spearmanInterval(scores, growth, options.bootstrap, random) : null,
    };
  });
}

/** 1-based ranks, ascending; tied values share the average of the ranks they span. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && order[end]!.value === order[start]!.value) end += 1;
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i += 1) ranks[order[i]!.index] = rank;
    start = end;
  }
  return ranks;
}

/** Pearson correlation of the average ranks, so ties are handled exactly. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new Error("spearman needs pairs");
  const n = x.length;
  if (n < 2) return null;
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const mean = (n + 1) / 2; // ranks always average (n + 1) / 2, ties or not
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = rx[i]! - mean;
    const dy = ry[i]! - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * The fifth with the highest scores against the rest. Firms tied at the cut share the places left
 * (each counts as a fraction of a firm in both groups), so the top is always exactly n/5 firms and
 * no tie is broken arbitrarily. Null when there is no "rest" to compare with (n < 2).
 */
export function topFifthVsRest(
  scores: readonly number[],
  growth: readonly number[],
): TopFifthComparison | null {
  if (scores.length !== growth.length) throw new Error("topFifthVsRest needs pairs");
  const n = scores.length;
  if (n < 2) return null;
  // Sorting by growth within equal scores fixes the summation order: same input, same bits.
  const order = scores
    .map((score, i) => ({ score, growth: growth[i]! }))
    .sort((a, b) => b.score - a.score || a.growth - b.growth);
  let places = n / 5;
  const top = { weight: 0, growth: 0, grew: 0 };
  const rest = { weight: 0, growth: 0, grew: 0 };
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && order[end]!.score === order[start]!.score) end += 1;
    const share = Math.min(1, places / (end - start));
    places = Math.max(0, places - (end - start));
    for (let i = start; i < end; i += 1) {
      const g = order[i]!.growth;
      add(top, share, g);
      add(rest, 1 - share, g);
    }
    start = end;
  }
  const topMeanGrowth = top.growth / top.weight;
  const restMeanGrowth = rest.growth / rest.weight;
  return {
    topMeanGrowth,
    restMeanGrowth,
    difference: topMeanGrowth - restMeanGrowth,
    topShareGrew: top.grew / top.weight,
    restShareGrew: rest.grew / rest.weight,
  };
}

function add(group: { weight: number; growth: number; grew: number }, weight: number, growth: number) {
  if (weight <= 0) return;
  group.weight += weight;
  group.growth += weight * growth;
  if (growth > 0) group.grew += weight;
}

function isNumber(x: number | null | undefined): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/** Firms by their standing decision, with no decision as a group of its own. */
export type DecisionGroup = "selected" | "waitlisted" | "notSelected" | "undecided";

export interface DecisionGroupGrowth {
  readonly group: DecisionGroup;
  readonly n: number;
  readonly meanGrowth: number | null;
  /** Share (0-1) whose outcome grew (growth > 0). */
  readonly shareGrew: number | null;
}

export function growthByDecision(firms: readonly { decision: DecisionGroup; growth: number | null }[]): DecisionGroupGrowth[] {
  const groups: DecisionGroup[] = ["selected", "waitlisted", "notSelected", "undecided"];
  return groups.map((group) => {
    const growth = firms.filter((f) => f.decision === group && isNumber(f.growth)).map((f) => f.growth!);
    const n = growth.length;
    return {
      group,
      n,
      meanGrowth: n > 0 ? growth.reduce((s, g) => s + g, 0) / n : null,
      shareGrew: n > 0 ? growth.filter((g) => g > 0).length / n : null,
    };
  });
}

/**
 * How much of the ranking the follow-up covers: the scored firms are cut into fifths by score,
 * and a fifth counts as covered when at least a tenth of its firms (and at least one) were
 * followed up. An agency that follows up only the firms it selected covers one or two fifths:
 * correlations over part of the range understate how well the score sorts all firms (range
 * restriction), so the page warns below five.
 */
export function fifthsCovered(scores: readonly { total: number; followedUp: boolean }[]): number {
  const sorted = [...scores].sort((a, b) => b.total - a.total);
  const n = sorted.length;
  if (n === 0) return 0;
  let covered = 0;
  for (let fifth = 0; fifth < 5; fifth += 1) {
    const part = sorted.slice(Math.floor((fifth * n) / 5), Math.floor(((fifth + 1) * n) / 5));
    const followed = part.filter((f) => f.followedUp).length;
    if (part.length > 0 && followed > 0 && followed >= part.length / 10) covered += 1;
  }
  return covered;
}

/**
 * 90% percentile-bootstrap interval of Spearman's correlation: firms are resampled with
 * replacement and the correlation recomputed with average ranks, as `spearman` would on the
 * resample. Ranks of a resample are counted from the firms' order in the whole sample, so each
 * replicate costs one pass instead of two sorts. Null with fewer than 3 pairs.
 */
export function spearmanInterval(
  x: readonly number[],
  y: readonly number[],
  replicates: number,
  random: () => number,
): readonly [number, number] | null {
  const n = x.length;
  if (n < 3 || replicates < 1) return null;
  const byX = tieGroups(x);
  const byY = tieGroups(y);
  const counts = new Int32Array(n);
  const rx = new Float64Array(n);
  const ry = new Float64Array(n);
  const values: number[] = [];
  // Ranks of n draws always average (n + 1) / 2.
  const mean = (n + 1) / 2;
  for (let r = 0; r < replicates; r += 1) {
    counts.fill(0);
    for (let d = 0; d < n; d += 1) counts[(random() * n) | 0]! += 1;
    rankWithCounts(byX, counts, rx);
    rankWithCounts(byY, counts, ry);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < n; i += 1) {
      const c = counts[i]!;
      if (c === 0) continue;
      const dx = rx[i]! - mean;
      const dy = ry[i]! - mean;
      sxy += c * dx * dy;
      sxx += c * dx * dx;
      syy += c * dy * dy;
    }
    if (sxx > 0 && syy > 0) values.push(sxy / Math.sqrt(sxx * syy));
  }
  if (values.length === 0) return null;
  const [lo, hi] = quantile(values, [0.05, 0.95]) as number[];
  return [lo!, hi!];
}

interface TieGroups {
  /** Indices sorted by value. */
  readonly order: Int32Array;
  /** Where each run of equal values starts in `order`, and a final n. */
  readonly starts: Int32Array;
}

/** Indices sorted by value, cut into runs of equal values. */
function tieGroups(values: readonly number[]): TieGroups {
  const order = Int32Array.from(values.map((_, i) => i)).sort((a, b) => values[a]! - values[b]!);
  const starts: number[] = [];
  for (let i = 0; i < order.length; i += 1) {
    if (i === 0 || values[order[i]!] !== values[order[i - 1]!]) starts.push(i);
  }
  starts.push(order.length);
  return { order, starts: Int32Array.from(starts) };
}

/** Average ranks of the drawn firms (each drawn `counts[i]` times) within the resample. */
function rankWithCounts({ order, starts }: TieGroups, counts: Int32Array, out: Float64Array) {
  let below = 0;
  for (let g = 0; g + 1 < starts.length; g += 1) {
    const from = starts[g]!;
    const to = starts[g + 1]!;
    let drawn = 0;
    for (let j = from; j < to; j += 1) drawn += counts[order[j]!]!;
    if (drawn === 0) continue;
    const rank = below + (drawn + 1) / 2;
    for (let j = from; j < to; j += 1) out[order[j]!] = rank;
    below += drawn;
  }
}
