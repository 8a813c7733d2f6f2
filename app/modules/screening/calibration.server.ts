// Calibration from the database: which past cohorts can teach the model (those with follow-up
// outcomes, in any programme of the organisation), the proposal computed on them, and its
// adoption as a new model version. The numerics are in calibration.ts.
import { createHash } from "node:crypto";
import type { Db } from "~/db/db.server";
import { calibrate, type CalibrationFirm, type CalibrationResult } from "./calibration";
import { componentStandings } from "./engine";
import { programmeEvidence } from "./evidence-store.server";
import type { ScreeningModel } from "./model";
import { growthOf, latestOutcomes, type OutcomeMeasure } from "./outcomes";
import { currentModel, saveModelVersion } from "./screening.server";

export interface CalibrationCohort {
  readonly id: string;
  readonly name: string;
  readonly programmeId: string;
  readonly programmeName: string;
  readonly startsOn: Date;
  readonly enrolled: number;
  /** Firms of the cohort with at least one outcome recorded in the cohort's programme. */
  readonly withOutcomes: number;
}

/**
 * The cohorts of every programme of the organisation, this programme's first, with how many of
 * their firms have outcomes; `defaults` are this programme's cohorts that have any.
 */
export async function calibrationCohorts(db: Db, programmeId: string): Promise<{ cohorts: CalibrationCohort[]; defaults: string[] }> {
  const programme = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { organisationId: true } });
  const [cohorts, outcomeFirms] = await Promise.all([
    db.cohort.findMany({
      where: { programme: { organisationId: programme.organisationId } },
      select: { id: true, name: true, startsOn: true, programmeId: true, programme: { select: { name: true } }, enrolments: { select: { firmId: true } } },
      orderBy: [{ startsOn: "asc" }, { name: "asc" }],
    }),
    db.outcome.groupBy({ by: ["programmeId", "firmId"], where: { programme: { organisationId: programme.organisationId } } }),
  ]);
  const followed = new Set(outcomeFirms.map((o) => `${o.programmeId}\u0000${o.firmId}`));
  const out = cohorts.map((c) => ({
    id: c.id,
    name: c.name,
    programmeId: c.programmeId,
    programmeName: c.programme.name,
    startsOn: c.startsOn,
    enrolled: c.enrolments.length,
    withOutcomes: c.enrolments.filter((e) => followed.has(`${c.programmeId}\u0000${e.firmId}`)).length,
  }));
  out.sort((a, b) => Number(b.programmeId === programmeId) - Number(a.programmeId === programmeId));
  return { cohorts: out, defaults: out.filter((c) => c.programmeId === programmeId && c.withOutcomes > 0).map((c) => c.id) };
}

export type CalibrationProblem = "noCohorts" | "noOutcomes" | "measureNotRecorded";

export type CalibrationRun =
  | { readonly ok: false; readonly problem: CalibrationProblem }
  | {
      readonly ok: true;
      readonly model: ScreeningModel;
      readonly result: CalibrationResult;
      /** Changes whenever anything the proposal was computed from changes. */
      readonly fingerprint: string;
    };

export interface CalibrationRequest {
  readonly cohortIds: readonly string[];
  readonly measure: OutcomeMeasure;
}

/**
 * Computes the proposal: every firm of the chosen cohorts is placed within its cohort (as the
 * screening does), and those with growth in the chosen measure are the data. Deterministic.
 */
export async function runCalibration(db: Db, programmeId: string, request: CalibrationRequest, now = new Date()): Promise<CalibrationRun> {
  const programme = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { organisationId: true } });
  const cohorts = await db.cohort.findMany({
    where: { id: { in: [...request.cohortIds] }, programme: { organisationId: programme.organisationId } },
    select: { id: true, programmeId: true },
  });
  if (cohorts.length === 0) return { ok: false, problem: "noCohorts" };
  const model = await currentModel(db, programmeId);
  const chosen = new Set(cohorts.map((c) => c.id));
  const programmeIds = [...new Set(cohorts.map((c) => c.programmeId))].sort();
  const gathered = await Promise.all(programmeIds.map((id) => programmeEvidence(db, id, now)));
  const evidence = gathered.flatMap((g, i) => g.evidence.filter((f) => chosen.has(f.cohortId)).map((f) => ({ ...f, programmeId: programmeIds[i]! })));
  const rows = await db.outcome.findMany({
    where: { programmeId: { in: programmeIds }, firmId: { in: evidence.map((f) => f.id) } },
    select: { id: true, programmeId: true, firmId: true, date: true, sales: true, workers: true, valueAdded: true, practiceScore: true, createdAt: true },
  });
  // A firm's outcomes count in the programme whose cohort it was screened in.
  const inProgramme = new Set(evidence.map((f) => `${f.programmeId}\u0000${f.id}`));
  const relevant = rows.filter((r) => inProgramme.has(`${r.programmeId}\u0000${r.firmId}`));
  if (relevant.length === 0) return { ok: false, problem: "noOutcomes" };
  if (!relevant.some((r) => typeof r[request.measure] === "number")) return { ok: false, problem: "measureNotRecorded" };
  const outcomes = latestOutcomes(relevant.map((r) => ({ ...r, recordedAt: r.createdAt })));

  const standings = componentStandings(evidence, model.thresholds, { comparisonGroup: "cohort" });
  const firms: CalibrationFirm[] = [];
  for (const standing of standings) {
    const growth = growthOf(outcomes.get(standing.firmId) ?? [], request.measure);
    if (growth !== null) firms.push({ standing, growth });
  }
  firms.sort((a, b) => (a.standing.firmId < b.standing.firmId ? -1 : a.standing.firmId > b.standing.firmId ? 1 : 0));
  const fingerprint = createHash("sha256")
    .update(
      JSON.stringify({
        model: [model.version, model.weights, model.thresholds],
        measure: request.measure,
        cohorts: [...chosen].sort(),
        firms: firms.map((f) => [f.standing.firmId, f.standing.groupKey, f.standing.percentiles, f.growth]),
      }),
    )
    .digest("hex")
    .slice(0, 32);
  return { ok: true, model, result: calibrate(firms, model), fingerprint };
}

export type AdoptResult =
  | { readonly ok: true; readonly version: number; readonly already: boolean }
  | { readonly ok: false; readonly problem: CalibrationProblem | "tooFew" | "dataChanged" };

const ADOPT_ACTION = "screening.model.calibrate";

/**
 * Adopts the proposal shown to the manager as version n+1, with the figures in the audit record.
 * The proposal is computed again and must match the fingerprint the form carried: a proposal
 * computed on data that has changed since is refused. Adopting the same proposal twice (a double
 * tap) answers with the version the first one made.
 */
export async function adoptCalibration(
  db: Db,
  input: { programmeId: string; userId: string; request: CalibrationRequest; fingerprint: string },
): Promise<AdoptResult> {
  const already = await adoptedWith(db, input.programmeId, input.fingerprint);
  if (already !== null) return { ok: true, version: already, already: true };
  const run = await runCalibration(db, input.programmeId, input.request);
  if (!run.ok) return { ok: false, problem: run.problem };
  if (run.fingerprint !== input.fingerprint) return { ok: false, problem: "dataChanged" };
  if (!run.result.ok) return { ok: false, problem: "tooFew" };
  const { result } = run;
  try {
    const saved = await saveModelVersion(
      db,
      input.programmeId,
      input.userId,
      { weights: result.weights, thresholds: { componentAgreement: result.agreement } },
      {
        action: ADOPT_ACTION,
        previous: run.model,
        basis: {
          fingerprint: input.fingerprint,
          cohortIds: [...input.request.cohortIds].sort(),
          measure: input.request.measure,
          firms: result.n,
          shrinkage: result.shrinkage,
          agreement: result.agreement,
          figures: result.figures,
        },
      },
    );
    if (!saved.ok) return { ok: false, problem: "dataChanged" };
    return { ok: true, version: saved.model.version, already: false };
  } catch (error) {
    // Two adoptions at once: the unique version lets one through; the other sees what it made.
    const version = await adoptedWith(db, input.programmeId, input.fingerprint);
    if (version !== null) return { ok: true, version, already: true };
    if (isUniqueViolation(error)) return { ok: false, problem: "dataChanged" };
    throw error;
  }
}

/** The version a calibration with this fingerprint was adopted as, if it was. */
async function adoptedWith(db: Db, programmeId: string, fingerprint: string): Promise<number | null> {
  const events = await db.auditEvent.findMany({
    where: { programmeId, action: ADOPT_ACTION },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { after: true },
  });
  for (const e of events) {
    const after = e.after ? (JSON.parse(e.after) as { version?: number; basis?: { fingerprint?: string } }) : null;
    if (after?.basis?.fingerprint === fingerprint && typeof after.version === "number") return after.version;
  }
  return null;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}

