// Predictive validity: did the firms the screen ranked high grow more later? Shown for the total,
// for each single component, and for attendance alone (the "attendance" component: the naive
// screen an agency would use without this product), so an agency can see whether the weighting
// earns its keep. Pure statistics, no p-values: the n and the warning carry the uncertainty.
import { COMPONENT_KEYS, type ComponentKey } from "./model";

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
}

export function predictiveValidity(firms: readonly ValidityFirm[]): PredictorValidity[] {
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
