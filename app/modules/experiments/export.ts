// One row per firm for analysts (R, Stata), and the codebook that says what each column holds.
// Pure; written with the screening's CSV writer (screening/tabular.ts).
import type { Table } from "~/modules/screening/tabular";
import { orderArms, type ArmFacts, type FirmFacts } from "./analysis";

export const CODEBOOK: readonly (readonly [column: string, type: string, meaning: string])[] = [
  ["firm_id", "text", "The firm's identifier in the app."],
  ["firm_name", "text", "The firm's name."],
  ["cluster", "text", "The firm's cluster."],
  ["sector", "text", "metalwork | garment | shoes_leather | other"],
  ["arm", "text", "Name of the arm assigned at random (intention to treat: never changed by an exception)."],
  ["arm_index", "integer", "0 = control (offered nothing), 1.. = the other arms in the order of the set-up page."],
  ["offers_classes", "0/1", "The assigned arm offers classes."],
  ["offers_visits", "0/1", "The assigned arm offers coaching visits."],
  ["stratum", "text", "Randomisation stratum after merging strata smaller than the number of arms; use as fixed effects."],
  ["late", "0/1", "Enrolled after the freeze and assigned by the same rule within its stratum."],
  ["exception_arm", "text", "The arm given instead, when a documented exception was recorded; empty otherwise."],
  ["took_up", "0/1", "Attended at least one class session (present or late) or received at least one coaching visit after the baseline."],
  ["followed_up", "0/1", "Has at least one outcome recorded after the baseline date."],
  ["baseline_workers", "number", "Workers at baseline: the latest outcome on or before the baseline date, else the roster's figure."],
  ["baseline_years", "number", "Years in operation at the baseline date (year of baseline - year founded)."],
  ["baseline_sales", "number", "Monthly sales at baseline (latest outcome on or before the baseline date), local currency."],
  ["baseline_practice", "number", "Practice score (0-1) at the first coaching visit on or before the baseline date; the heterogeneity split uses it."],
  ["sales_growth", "number", "(follow-up sales - baseline sales) / baseline sales; follow-up = latest outcome after the baseline date."],
  ["workers_change", "number", "Follow-up workers - baseline workers."],
  ["practice_followup", "number", "Practice score (0-1) at the latest follow-up outcome."],
];

export function firmTable(armsIn: readonly ArmFacts[], firms: readonly FirmFacts[], places: ReadonlyMap<string, { cluster: string; sector: string }>, exceptionArm: ReadonlyMap<string, string>): Table {
  const arms = orderArms(armsIn);
  const index = new Map(arms.map((a, i) => [a.id, i]));
  const bit = (b: boolean) => (b ? 1 : 0);
  return {
    name: "Firms",
    header: CODEBOOK.map(([c]) => c),
    rows: firms.map((f) => {
      const arm = arms[index.get(f.armId) ?? 0]!;
      return [
        f.id,
        f.name,
        places.get(f.id)?.cluster ?? "",
        places.get(f.id)?.sector ?? "",
        arm.name,
        index.get(f.armId) ?? 0,
        bit(arm.offersClasses),
        bit(arm.offersVisits),
        f.stratum,
        bit(f.late),
        exceptionArm.get(f.id) ?? "",
        bit(f.tookUp),
        bit(f.followedUp),
        f.covariates.workers,
        f.covariates.years,
        f.covariates.sales,
        f.covariates.practice,
        f.outcomes.salesGrowth,
        f.outcomes.workersGrowth,
        f.outcomes.practice,
      ];
    }),
  };
}

export function codebookTable(baselineUntil: string, seed: number): Table {
  return {
    name: "Codebook",
    header: ["column", "type", "meaning"],
    rows: [...CODEBOOK.map((r) => [...r]), ["(experiment)", "note", `Baseline date ${baselineUntil}; assignment seed ${seed}. Estimators: docs/decisions/0019-randomised-evaluation.md.`]],
  };
}
