/**
 * The experiment's report from its firms: balance at baseline, the flow of firms through the
 * experiment, and the effects. Pure: the database is read by experiments.server.ts.
 * Estimators and formulas: estimators.ts and docs/decisions/0019-randomised-evaluation.md.
 */
import { mean } from "simple-statistics";
import { median } from "./assignment";
import {
  BALANCE_FLAG,
  effectOnParticipants,
  heterogeneity,
  intentionToTreat,
  randomisationPValues,
  standardisedDifference,
  type Estimate,
  type Heterogeneity,
  type RiOutcome,
  type Unit,
} from "./estimators";

export type ArmFacts = { readonly id: string; readonly name: string; readonly offersClasses: boolean; readonly offersVisits: boolean; readonly ratio: number };

export const COVARIATES = ["workers", "years", "sales", "practice"] as const;
export type Covariate = (typeof COVARIATES)[number];
export const OUTCOMES = ["salesGrowth", "workersGrowth", "practice"] as const;
export type OutcomeKey = (typeof OUTCOMES)[number];

export type FirmFacts = {
  readonly id: string;
  readonly name: string;
  /** The arm assigned at random (never changed by an exception: intention to treat). */
  readonly armId: string;
  readonly stratum: string;
  readonly late: boolean;
  /** Attended at least one class session, or received at least one coaching visit after the baseline. */
  readonly tookUp: boolean;
  readonly followedUp: boolean;
  readonly covariates: Readonly<Record<Covariate, number | null>>;
  readonly outcomes: Readonly<Record<OutcomeKey, number | null>>;
  /** The baseline score the heterogeneity split uses (baseline practice score). */
  readonly baselineScore: number | null;
};

/** Control is the arm that offers nothing; it goes first (index 0) for the estimators. */
export function orderArms(arms: readonly ArmFacts[]): ArmFacts[] {
  const control = arms.filter((a) => !a.offersClasses && !a.offersVisits);
  return [...control, ...arms.filter((a) => a.offersClasses || a.offersVisits)];
}

export type BalanceRow = {
  readonly covariate: Covariate;
  readonly perArm: { readonly armId: string; readonly n: number; readonly mean: number | null }[];
  /** Standardised difference of each treated arm against control (arm order as orderArms). */
  readonly differences: { readonly armId: string; readonly value: number | null; readonly flagged: boolean }[];
};

export function balanceTable(arms: readonly ArmFacts[], firms: readonly { armId: string; covariates: Readonly<Record<Covariate, number | null>> }[]): BalanceRow[] {
  const ordered = orderArms(arms);
  const control = ordered[0];
  return COVARIATES.map((covariate) => {
    const values = (armId: string) => firms.filter((f) => f.armId === armId).flatMap((f) => (f.covariates[covariate] === null ? [] : [f.covariates[covariate]!]));
    const controlValues = control ? values(control.id) : [];
    return {
      covariate,
      perArm: ordered.map((a) => {
        const v = values(a.id);
        return { armId: a.id, n: v.length, mean: v.length > 0 ? mean(v) : null };
      }),
      differences: ordered.slice(1).map((a) => {
        const value = standardisedDifference(values(a.id), controlValues);
        return { armId: a.id, value, flagged: value !== null && Math.abs(value) > BALANCE_FLAG };
      }),
    };
  });
}

export type FlowRow = { readonly armId: string; readonly assigned: number; readonly late: number; readonly tookUp: number; readonly followedUp: number; readonly lost: number };

export function flow(arms: readonly ArmFacts[], firms: readonly FirmFacts[]): FlowRow[] {
  return orderArms(arms).map((a) => {
    const mine = firms.filter((f) => f.armId === a.id);
    const followedUp = mine.filter((f) => f.followedUp).length;
    return { armId: a.id, assigned: mine.length, late: mine.filter((f) => f.late).length, tookUp: mine.filter((f) => f.tookUp).length, followedUp, lost: mine.length - followedUp };
  });
}

/** How an interval reads: clearly above zero, clearly below, or too wide to conclude. */
export type Verdict = "higher" | "lower" | "tooWide";
export function verdictOf(e: Estimate): Verdict {
  return e.low > 0 ? "higher" : e.high < 0 ? "lower" : "tooWide";
}

export type ArmEffect = {
  readonly armId: string;
  readonly itt: Estimate | null;
  readonly riPValue: number | null;
  /** Take-up in the arm less take-up in control, from the same regression; null when not estimable. */
  readonly takeUpDifference: number | null;
  /** Only where take-up is below 100%: the effect on those who took part (Wald / IV). */
  readonly onParticipants: Estimate | null;
  readonly heterogeneity: Heterogeneity | null;
};

export type OutcomeEffects = {
  readonly outcome: OutcomeKey;
  readonly n: number;
  readonly controlMean: number | null;
  readonly medianScore: number | null;
  readonly arms: ArmEffect[];
};

export type Analysis = {
  readonly arms: ArmFacts[];
  readonly balance: BalanceRow[];
  readonly flow: FlowRow[];
  readonly effects: OutcomeEffects[];
  readonly draws: number;
};

export type AnalysisOptions = { readonly draws: number; readonly seed: number };

/** Refused when nobody was followed up, or the experiment has no control arm. */
export function analyse(armsIn: readonly ArmFacts[], firms: readonly FirmFacts[], options: AnalysisOptions): { ok: true; analysis: Analysis } | { ok: false; reason: "noFollowUp" | "noControl" } {
  const arms = orderArms(armsIn);
  if (arms.length < 2 || arms[0]!.offersClasses || arms[0]!.offersVisits) return { ok: false, reason: "noControl" };
  if (!firms.some((f) => f.followedUp)) return { ok: false, reason: "noFollowUp" };
  const armIndex = new Map(arms.map((a, i) => [a.id, i]));
  const strataNames = [...new Set(firms.map((f) => f.stratum))].sort();
  const stratumIndex = new Map(strataNames.map((s, i) => [s, i]));
  const observedArm = Int32Array.from(firms, (f) => armIndex.get(f.armId) ?? 0);
  const rule = { strata: strataNames.map((s) => firms.flatMap((f, i) => (f.stratum === s ? [i] : []))), ratios: arms.map((a) => a.ratio) };

  const samples = OUTCOMES.map((outcome) => firms.flatMap((f, i) => (f.outcomes[outcome] === null ? [] : [i])));
  const riInputs: RiOutcome[] = samples.map((sample, o) => {
    const local = [...new Set(sample.map((i) => firms[i]!.stratum))].sort();
    const li = new Map(local.map((s, k) => [s, k]));
    return {
      firms: Int32Array.from(sample),
      y: sample.map((i) => firms[i]!.outcomes[OUTCOMES[o]!]!),
      strata: Int32Array.from(sample, (i) => li.get(firms[i]!.stratum)!),
      strataCount: local.length,
    };
  });
  const pValues = randomisationPValues(rule, firms.length, observedArm, riInputs, options.draws, options.seed);

  const effects = OUTCOMES.map((outcome, o): OutcomeEffects => {
    const sample = samples[o]!;
    const unit = (i: number, y: number): Unit => ({ arm: observedArm[i]!, stratum: stratumIndex.get(firms[i]!.stratum)!, y });
    const units = sample.map((i) => unit(i, firms[i]!.outcomes[outcome]!));
    const itt = intentionToTreat(units, arms.length);
    const takeUp = intentionToTreat(sample.map((i) => unit(i, firms[i]!.tookUp ? 1 : 0)), arms.length);
    const scored = sample.filter((i) => firms[i]!.baselineScore !== null);
    const medianScore = median(scored.map((i) => firms[i]!.baselineScore!));
    const het = medianScore === null ? [] : heterogeneity(scored.map((i) => unit(i, firms[i]!.outcomes[outcome]!)), scored.map((i) => firms[i]!.baselineScore! >= medianScore), arms.length);
    const controlValues = sample.filter((i) => observedArm[i] === 0).map((i) => firms[i]!.outcomes[outcome]!);
    return {
      outcome,
      n: sample.length,
      controlMean: controlValues.length > 0 ? mean(controlValues) : null,
      medianScore,
      arms: arms.slice(1).map((a, j) => {
        const e = itt[j] ?? null;
        const inArm = sample.filter((i) => observedArm[i] === j + 1);
        const fullTakeUp = inArm.length > 0 && inArm.every((i) => firms[i]!.tookUp) && !sample.some((i) => observedArm[i] === 0 && firms[i]!.tookUp);
        const raw = takeUp[j]?.estimate ?? null;
        // Rounding noise from the regression is not take-up.
        const diff = raw !== null && Math.abs(raw) < 1e-9 ? 0 : raw;
        return {
          armId: a.id,
          itt: e,
          riPValue: pValues[o]?.[j] ?? null,
          takeUpDifference: diff,
          onParticipants: e && diff !== null && !fullTakeUp ? effectOnParticipants(e, diff) : null,
          heterogeneity: het[j] ?? null,
        };
      }),
    };
  });
  return { ok: true, analysis: { arms, balance: balanceTable(arms, firms), flow: flow(arms, firms), effects, draws: options.draws } };
}
