/*
 * The screening engine: evidence in; score, components, eligibility, confidence and explanation
 * out. Pure and deterministic: no clock, no randomness, output independent of input order.
 *
 * How the 0-100 score is built (DOMAIN.md "The screening score"):
 *
 * 1. Raw components. Each component is put on 0-100 from the firm's own evidence
 *    (components.ts); too little evidence makes it insufficient (null), never 0.
 *
 * 2. Common scale: percentiles within the comparison group. The components sit at different
 *    levels (attendance near 80, practice near 35), so each is replaced by the firm's percentile
 *    among the firms of its group that have that component: 100 x (firms below + half the firms
 *    level with it, itself included) / firms measured. A firm ahead of every other of 4 gets 87.5,
 *    the middle of a tie gets the tie's midpoint, a lone firm or a group where all are equal gets
 *    50. Percentiles rather than standard scores because they read in plain words ("ahead of 70%
 *    of its cohort on attendance"), are bounded, ignore outliers, and keep ranking honest: when a
 *    firm's evidence improves, its own percentile cannot fall and nobody else's can rise, so
 *    neither its score nor its rank can drop. (With standard scores a firm's gain can stretch the
 *    spread and lift a rival past it.) Ties are judged on values rounded to 1e-6 so that 12/15
 *    and 4/5 are equal. Knowledge ties are ordered by pre-to-post gain.
 *
 * 3. Score = weighted mean of the component percentiles. No further mapping: the score is already
 *    on 0-100, and each component's contribution is (its share of the weights) x (the value it
 *    counted at); the contributions add up to the score. 50 is the middle of the group. In plain
 *    words: "weighing the components as the model does, this firm is on average ahead of 72% of
 *    comparable firms". The total's own percentile and rank are reported beside it.
 *
 * Missing evidence. A firm lacking components counts them at its expected standing: what its
 *    present components say about it, pulled toward the group's middle (50) by how weakly the
 *    components agree. Let S be the weighted mean of the present percentiles. Under agreement rho
 *    between components (the model's `componentAgreement`: the typical rank correlation of two
 *    components, measured on past cohorts by the calibration), the weighted mean of k components
 *    strays from the middle sqrt((1 + (k - 1) rho) / k) as far as one component does, with k the
 *    effective number (sum w)^2 / sum w^2. So a firm scored on fewer components is given
 *       total = 50 + shrink x (S - 50),  shrink = sqrt(spread(all) / spread(present)),
 *    the spread a firm with all of them would have; the missing components count at the value
 *    that brings the score there. Counting them at S itself (rescaling the weights over the
 *    components present, the rule before) spread such firms further from the middle than
 *    comparable firms, so they crowded both ends of the list; with rho = 1 the two rules agree.
 *    Symmetric around the middle, so at equal underlying standing missing evidence neither lifts
 *    nor lowers a firm on average; synthetic programmes check both (fairness.test.ts). One guard:
 *    a missing component may instead count at the percentile a raw 0 would have earned in that
 *    group (the "zero floor"), entering the expected standing of the rest, whichever reading is
 *    higher, so lacking evidence never scores below the worst evidence.
 *    rho is fixed by the model, not read from the group, so the expected standing rises with
 *    every present percentile and depends on nobody else's evidence: monotonicity holds as
 *    before (docs/decisions/0018-calibration-and-missing-evidence.md).
 *
 * Small groups. A component that only one firm in the group has cannot be compared and counts as
 *    missing (at the expected standing, no floor). A firm with evidence but nothing comparable (a group of one) scores
 *    50, the middle, with low confidence. A firm with no evidence at all gets no score.
 */
import {
  compareStrings,
  improveNext,
  measureFirm,
  type ImprovementSuggestion,
  type RawComponent,
} from "./components";
import type { FirmEvidence } from "./evidence";
import { COMPONENT_KEYS, type ComponentKey, type ScreeningModel } from "./model";

export type ComparisonGroup = "cohort" | "countrySector";

export interface ScreenOptions {
  readonly comparisonGroup: ComparisonGroup;
}

/**
 * compared: ranked within the group; alone: measured but no other firm in the group has it, so it
 * counts as missing; insufficient: too little evidence.
 */
export type ComponentStatus = "compared" | "alone" | "insufficient";

/**
 * Why a component that has no percentile counted at the value it did: expected standing (what the
 * firm's present components predict), or the zero floor when that prediction is lower.
 */
export type Imputation = "expectedStanding" | "zeroFloor";

export interface ComponentResult {
  readonly status: ComponentStatus;
  /** 0-100 from the firm's own evidence; null when insufficient. */
  readonly raw: number | null;
  readonly evidenceCount: number;
  /** Percentile (0-100) within the comparison group; null unless compared. */
  readonly standardised: number | null;
  /** Share of the model's total weight (0-1). */
  readonly weight: number;
  /** The value that entered the score: the percentile, or the imputed value. Null without a score. */
  readonly counted: number | null;
  readonly imputed: Imputation | null;
  /** weight x counted; the contributions add up to the total. */
  readonly contribution: number | null;
}

export type EligibilityReason = "attendanceBelowThreshold" | "noEvidence";

export interface FirmScreening {
  readonly firmId: string;
  readonly cohortId: string;
  readonly country: string;
  readonly sector: string;
  readonly modelVersion: number;
  readonly comparisonGroup: { readonly kind: ComparisonGroup; readonly key: string; readonly size: number };
  /** 0-100; null only when the firm has no usable evidence at all. */
  readonly total: number | null;
  /** Percentile of the total within the comparison group (same rule as the components). */
  readonly percentile: number | null;
  /** 1 = highest total in the group; equal totals share a rank (1, 2, 2, 4). */
  readonly rank: number | null;
  readonly components: Readonly<Record<ComponentKey, ComponentResult>>;
  readonly eligibility: { readonly eligible: boolean; readonly reasons: readonly EligibilityReason[] };
  readonly confidence: {
    readonly level: "high" | "low";
    /** Weighted components with too little evidence. */
    readonly insufficient: readonly ComponentKey[];
    /** The comparison group is smaller than the model's minimum. */
    readonly smallGroup: boolean;
  };
  readonly explanation: {
    /** Largest contribution first. */
    readonly contributions: readonly { readonly component: ComponentKey; readonly contribution: number }[];
    /** Up to three checklist items most worth improving at the latest visit. */
    readonly improveNext: readonly ImprovementSuggestion[];
  };
}

/**
 * Screens every firm against its comparison group. Results are sorted by total (highest first,
 * firms without a score last), then by firm id, whatever the order of `firms`.
 */
export function screen(
  firms: readonly FirmEvidence[],
  model: ScreeningModel,
  options: ScreenOptions,
): FirmScreening[] {
  const weightSum = COMPONENT_KEYS.reduce((sum, key) => sum + model.weights[key], 0);
  if (!(weightSum > 0)) throw new Error("screening model has no positive weight; validate it first");
  const measured = firms.map((firm) => measureFirm(firm, model.thresholds));
  const results: FirmScreening[] = [];
  for (const [key, members] of groupFirms(firms, options.comparisonGroup)) {
    const standings = COMPONENT_KEYS.map((c) => standardise(members.map((i) => measured[i]!.components[c])));
    const scored = members.map((_, j) => scoreFirm(j, standings, model, weightSum));
    const totals = scored.map((s) => s.total);
    const percentiles = percentilesOf(totals, null, 1e9);
    const ranks = ranksOf(totals);
    members.forEach((i, j) => {
      const firm = firms[i]!;
      const { total, components } = scored[j]!;
      const insufficient = COMPONENT_KEYS.filter(
        (c) => model.weights[c] > 0 && components[c].status === "insufficient",
      );
      const smallGroup = members.length < model.thresholds.minComparisonGroup;
      results.push({
        firmId: firm.id,
        cohortId: firm.cohortId,
        country: firm.country,
        sector: firm.sector,
        modelVersion: model.version,
        comparisonGroup: { kind: options.comparisonGroup, key, size: members.length },
        total,
        percentile: percentiles[j] ?? null,
        rank: ranks[j] ?? null,
        components,
        eligibility: eligibilityOf(total, measured[i]!.components.attendance.value, model),
        confidence: {
          level: insufficient.length > 0 || smallGroup ? "low" : "high",
          insufficient,
          smallGroup,
        },
        explanation: {
          contributions: COMPONENT_KEYS.filter((c) => model.weights[c] > 0)
            .map((c) => ({ component: c, contribution: components[c].contribution ?? 0 }))
            .sort((a, b) => b.contribution - a.contribution),
          improveNext: improveNext(measured[i]!.latestVisit),
        },
      });
    });
  }
  return results.sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || compareStrings(a.firmId, b.firmId));
}

/**
 * Eligibility is decided apart from the score, so a low attender is shown as ineligible with the
 * reason instead of being quietly ranked down. Attendance too thin to measure gives no verdict
 * (the confidence flag shows it): an on-site-only firm has no class sessions at all.
 */
function eligibilityOf(
  total: number | null,
  attendance: number | null,
  model: ScreeningModel,
): FirmScreening["eligibility"] {
  const reasons: EligibilityReason[] = [];
  if (total === null) reasons.push("noEvidence");
  // The tolerance keeps 9 of 15 sessions at 60%, not a hair below it.
  if (attendance !== null && attendance < 100 * model.thresholds.attendanceEligibility - 1e-9) {
    reasons.push("attendanceBelowThreshold");
  }
  return { eligible: reasons.length === 0, reasons };
}

interface Standing {
  readonly raw: readonly RawComponent[];
  /** Percentile per member; null when not measured or measured by this member alone. */
  readonly percentiles: readonly (number | null)[];
  /** Percentile a raw 0 would earn if the firm joined the measured firms; null if none are. */
  readonly zeroFloor: number | null;
}

function standardise(raw: readonly RawComponent[]): Standing {
  const values = raw.map((r) => r.value);
  const measuredCount = values.reduce<number>((n, v) => (v === null ? n : n + 1), 0);
  // One firm alone cannot be placed: its percentile would say "middle" about nothing.
  const percentiles =
    measuredCount >= 2
      ? percentilesOf(
          values,
          raw.map((r) => r.tieBreak),
          1e6,
        )
      : values.map(() => null);
  let zeroFloor: number | null = null;
  if (measuredCount >= 1) {
    let below = 0;
    let level = 0;
    for (const r of raw) {
      if (r.value === null) continue;
      const value = Math.round(r.value * 1e6);
      const tieBreak = Math.round(r.tieBreak * 1e6);
      if (value < 0 || (value === 0 && tieBreak < 0)) below += 1;
      else if (value === 0 && tieBreak === 0) level += 1;
    }
    zeroFloor = (100 * (below + (level + 1) / 2)) / (measuredCount + 1);
  }
  return { raw, percentiles, zeroFloor };
}

function scoreFirm(
  member: number,
  standings: readonly Standing[],
  model: ScreeningModel,
  weightSum: number,
): { total: number | null; components: Record<ComponentKey, ComponentResult> } {
  const percentiles = standings.map((s) => s.percentiles[member] ?? null);
  const values = counted(
    percentiles,
    standings.map((s) => s.raw[member]!.value !== null),
    standings.map((s) => s.zeroFloor),
    COMPONENT_KEYS.map((c) => model.weights[c]),
    model.thresholds.componentAgreement,
  );
  const components = {} as Record<ComponentKey, ComponentResult>;
  let total: number | null = values ? 0 : null;
  COMPONENT_KEYS.forEach((c, k) => {
    const raw = standings[k]!.raw[member]!;
    const standardised = percentiles[k]!;
    const weight = model.weights[c] / weightSum;
    const value = values?.[k] ?? null;
    const contribution = value === null ? null : weight * value.counted;
    if (total !== null && contribution !== null) total += contribution;
    components[c] = {
      status: standardised !== null ? "compared" : raw.value !== null ? "alone" : "insufficient",
      raw: raw.value,
      evidenceCount: raw.evidenceCount,
      standardised,
      weight,
      counted: value?.counted ?? null,
      imputed: value?.imputed ?? null,
      contribution,
    };
  });
  return { total, components };
}

/**
 * The value each weighted component counts at (null for unweighted ones), or null when the firm
 * has nothing to be scored on. See "Missing evidence" in the header.
 */
function counted(
  percentiles: readonly (number | null)[],
  measured: readonly boolean[],
  zeroFloors: readonly (number | null)[],
  weights: readonly number[],
  agreement: number,
): ({ counted: number; imputed: Imputation | null } | null)[] | null {
  let presentSum = 0;
  let presentWeight = 0;
  let presentSquares = 0;
  let totalWeight = 0;
  let totalSquares = 0;
  let hasAlone = false;
  weights.forEach((w, k) => {
    if (w <= 0) return;
    totalWeight += w;
    totalSquares += w * w;
    const p = percentiles[k];
    if (p !== null && p !== undefined) {
      presentSum += w * p;
      presentWeight += w;
      presentSquares += w * w;
    } else if (measured[k]) hasAlone = true;
  });
  if (presentWeight <= 0 && !hasAlone) return null;
  const expectedFrom = (sum: number, weight: number, squares: number): number => {
    // Evidence, but nobody to compare with: the middle.
    if (weight <= 0) return 50;
    if (weight >= totalWeight) return sum / weight;
    // Effective numbers of components (present, all), and the spread of their weighted means
    // under agreement rho: var(mean of k) = (1 + (k - 1) rho) / k of one component's.
    const kPresent = (weight * weight) / squares;
    const kAll = (totalWeight * totalWeight) / totalSquares;
    const spread = (k: number) => (1 + (k - 1) * agreement) / k;
    const shrink = Math.sqrt(spread(kAll) / spread(kPresent));
    // The missing components together bring the firm's score to 50 + shrink x (S - 50).
    const slope = (totalWeight * shrink - weight) / (totalWeight - weight);
    return 50 + slope * (sum / weight - 50);
  };
  // Each missing component with a zero floor may count either at the expected standing or as
  // the evidence a recorded zero would be (its floor, entering the expected standing of the
  // rest); the firm gets the highest of these readings. One of them is exactly the score with
  // zeros recorded, so missing evidence never scores below zeros; each rises with every present
  // percentile and every floor, so their maximum keeps monotonicity. At most 2^6 readings.
  const floorable: number[] = [];
  weights.forEach((w, k) => {
    const p = percentiles[k];
    const floor = zeroFloors[k];
    if (w > 0 && (p === null || p === undefined) && !measured[k] && floor !== null && floor !== undefined) floorable.push(k);
  });
  let best = { total: -Infinity, expected: 50, floored: new Set<number>() };
  for (let mask = 0; mask < 1 << floorable.length; mask += 1) {
    const floored = new Set(floorable.filter((_, i) => mask & (1 << i)));
    let sum = presentSum;
    let weight = presentWeight;
    let squares = presentSquares;
    for (const k of floored) {
      sum += weights[k]! * zeroFloors[k]!;
      weight += weights[k]!;
      squares += weights[k]! * weights[k]!;
    }
    const expected = expectedFrom(sum, weight, squares);
    const total = sum + (totalWeight - weight) * expected;
    if (total > best.total + 1e-9) best = { total, expected, floored };
  }
  return weights.map((w, k) => {
    if (w <= 0) return null;
    const p = percentiles[k];
    if (p !== null && p !== undefined) return { counted: p, imputed: null };
    if (best.floored.has(k)) return { counted: zeroFloors[k]!, imputed: "zeroFloor" };
    return { counted: best.expected, imputed: "expectedStanding" };
  });
}

/** A firm's standing on each component (in COMPONENT_KEYS order), as the score reads it. */
export interface ComponentStanding {
  readonly firmId: string;
  readonly groupKey: string;
  /** Percentile in the group; null when missing or measured by this firm alone. */
  readonly percentiles: readonly (number | null)[];
  readonly measured: readonly boolean[];
  readonly zeroFloors: readonly (number | null)[];
}

/**
 * Each firm's component percentiles within its comparison group, computed once so that many
 * weightings can be scored cheaply (the calibration tries hundreds). Input order is kept.
 */
export function componentStandings(
  firms: readonly FirmEvidence[],
  thresholds: ScreeningModel["thresholds"],
  options: ScreenOptions,
): ComponentStanding[] {
  const measuredFirms = firms.map((firm) => measureFirm(firm, thresholds));
  const out = new Array<ComponentStanding>(firms.length);
  for (const [key, members] of groupFirms(firms, options.comparisonGroup)) {
    const standings = COMPONENT_KEYS.map((c) => standardise(members.map((i) => measuredFirms[i]!.components[c])));
    members.forEach((i, j) => {
      out[i] = {
        firmId: firms[i]!.id,
        groupKey: key,
        percentiles: standings.map((s) => s.percentiles[j] ?? null),
        measured: standings.map((s) => s.raw[j]!.value !== null),
        zeroFloors: standings.map((s) => s.zeroFloor),
      };
    });
  }
  return out;
}

/** The score `screen` would give a firm with these standings under other weights (same rules). */
export function scoreStanding(
  standing: ComponentStanding,
  weights: readonly number[],
  agreement: number,
): number | null {
  const values = counted(standing.percentiles, standing.measured, standing.zeroFloors, weights, agreement);
  if (!values) return null;
  let sum = 0;
  let weightSum = 0;
  values.forEach((v, k) => {
    if (!v) return;
    sum += weights[k]! * v.counted;
    weightSum += weights[k]!;
  });
  return weightSum > 0 ? sum / weightSum : null;
}

/**
 * Mid-rank percentiles: 100 x (below + half of those level, itself included) / n, over the
 * non-null values. Values are compared rounded to 1/resolution so that floating-point noise ties.
 */
function percentilesOf(
  values: readonly (number | null)[],
  tieBreaks: readonly number[] | null,
  resolution: number,
): (number | null)[] {
  // Rounded keys in flat arrays, computed once: the comparator runs n log n times.
  const key = new Float64Array(values.length);
  const second = new Float64Array(values.length);
  const order: number[] = [];
  values.forEach((value, i) => {
    if (value === null) return;
    key[i] = Math.round(value * resolution);
    second[i] = tieBreaks ? Math.round(tieBreaks[i]! * resolution) : 0;
    order.push(i);
  });
  order.sort((a, b) => key[a]! - key[b]! || second[a]! - second[b]!);
  const n = order.length;
  const out: (number | null)[] = values.map(() => null);
  for (let start = 0; start < n;) {
    const first = order[start]!;
    let end = start + 1;
    while (end < n && key[order[end]!] === key[first] && second[order[end]!] === second[first]) end += 1;
    const percentile = (100 * (start + (end - start) / 2)) / n;
    for (let i = start; i < end; i += 1) out[order[i]!] = percentile;
    start = end;
  }
  return out;
}

/** Competition ranks by total, highest first: 1 + the number of strictly higher totals. */
function ranksOf(totals: readonly (number | null)[]): (number | null)[] {
  const keys = totals.map((t) => (t === null ? null : Math.round(t * 1e9)));
  const sorted = keys.filter((k): k is number => k !== null).sort((a, b) => b - a);
  const firstPosition = new Map<number, number>();
  sorted.forEach((k, i) => {
    if (!firstPosition.has(k)) firstPosition.set(k, i + 1);
  });
  return keys.map((k) => (k === null ? null : firstPosition.get(k)!));
}

function groupFirms(firms: readonly FirmEvidence[], kind: ComparisonGroup): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const seen = new Set<string>();
  firms.forEach((firm, index) => {
    if (seen.has(firm.id)) throw new Error(`firm ${firm.id} appears twice in the screening input`);
    seen.add(firm.id);
    // JSON keeps country and sector apart whatever characters their names hold.
    const key = kind === "cohort" ? firm.cohortId : JSON.stringify([firm.country, firm.sector]);
    const members = groups.get(key);
    if (members) members.push(index);
    else groups.set(key, [index]);
  });
  return groups;
}
