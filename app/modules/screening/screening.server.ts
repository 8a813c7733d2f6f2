// The screening of a programme from its database: model versions, the ranked results, selection
// decisions (with their snapshots and the audit trail), outcomes and predictive validity.
import type { Db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { screen, type ComparisonGroup, type FirmScreening } from "./engine";
import { programmeEvidence, type EvidenceCounts, type FirmFacts } from "./evidence-store.server";
import {
  COMPONENT_KEYS,
  DEFAULT_SCREENING_MODEL,
  deriveScreeningModel,
  parseScreeningModel,
  type ModelChange,
  type ScreeningModel,
} from "./model";
import { growthOf, type OutcomeMeasure, type OutcomeValues } from "./outcomes";
import { againstRanking, parseSnapshot, snapshotOf, type AgainstReason, type Decision, type ScoreSnapshot } from "./selection";
import { predictiveValidity, type PredictorValidity, type ValidityFirm } from "./validity";

export type { ComparisonGroup };

export function isComparisonGroup(value: unknown): value is ComparisonGroup {
  return value === "cohort" || value === "countrySector";
}

export interface ModelRow {
  readonly model: ScreeningModel;
  readonly createdAt: Date | null;
  readonly createdByName: string | null;
}

/** Every version of the programme's model, newest first; version 1 is the default unless stored. */
export async function modelVersions(db: Db, programmeId: string): Promise<ModelRow[]> {
  const [rows, programme] = await Promise.all([
    db.screeningModelVersion.findMany({
      where: { programmeId },
      orderBy: { version: "desc" },
      select: { version: true, weights: true, thresholds: true, createdAt: true, createdBy: { select: { name: true } } },
    }),
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { attendanceThreshold: true } }),
  ]);
  const out: ModelRow[] = [];
  for (const row of rows) {
    const parsed = parseScreeningModel({ version: row.version, weights: JSON.parse(row.weights), thresholds: JSON.parse(row.thresholds) });
    if (parsed.success) out.push({ model: parsed.model, createdAt: row.createdAt, createdByName: row.createdBy?.name ?? null });
  }
  if (!out.some((r) => r.model.version === 1)) out.push({ model: defaultModelFor(programmeAttendance(programme)), createdAt: null, createdByName: null });
  return out;
}

function programmeAttendance(programme: { attendanceThreshold: number }): number {
  const t = programme.attendanceThreshold;
  return t >= 0 && t <= 1 ? t : DEFAULT_SCREENING_MODEL.thresholds.attendanceEligibility;
}

/** The default model, with the programme's own attendance threshold for eligibility. */
function defaultModelFor(attendanceEligibility: number): ScreeningModel {
  return { ...DEFAULT_SCREENING_MODEL, thresholds: { ...DEFAULT_SCREENING_MODEL.thresholds, attendanceEligibility } };
}

export async function currentModel(db: Db, programmeId: string): Promise<ScreeningModel> {
  return (await modelVersions(db, programmeId))[0]!.model;
}

export type ModelSaveResult =
  | { ok: true; model: ScreeningModel }
  | { ok: false; errors: Readonly<Record<string, readonly string[]>> };

/**
 * A manager's change becomes version n+1; earlier versions are never touched. `audit` names
 * another action and adds what the change was based on (a calibration's figures) to the record.
 */
export async function saveModelVersion(
  db: Db,
  programmeId: string,
  userId: string,
  change: ModelChange,
  audit?: { action: string; basis: unknown; previous?: ScreeningModel },
): Promise<ModelSaveResult> {
  const previous = audit?.previous ?? (await currentModel(db, programmeId));
  const next = deriveScreeningModel(previous, change);
  if (!next.success) return { ok: false, errors: next.errors };
  const model = next.model;
  await db.$transaction(async (tx) => {
    const row = await tx.screeningModelVersion.create({
      data: {
        programmeId,
        version: model.version,
        weights: JSON.stringify(model.weights),
        thresholds: JSON.stringify(model.thresholds),
        createdById: userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: userId,
      programmeId,
      action: audit?.action ?? "screening.model.create",
      entity: "ScreeningModelVersion",
      entityId: row.id,
      before: { version: previous.version, weights: previous.weights, thresholds: previous.thresholds },
      after: { version: model.version, weights: model.weights, thresholds: model.thresholds, ...(audit ? { basis: audit.basis } : {}) },
    });
  });
  return { ok: true, model };
}

export interface StandingDecision {
  readonly decision: Decision;
  readonly reason: string;
  readonly againstRanking: boolean;
  readonly modelVersion: number;
  readonly decidedAt: Date;
  readonly decidedByName: string;
  readonly snapshot: ScoreSnapshot | null;
}

/** The latest decision per firm. */
export async function standingDecisions(db: Db, programmeId: string): Promise<Map<string, StandingDecision>> {
  const rows = await db.selection.findMany({
    where: { programmeId },
    orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
    select: {
      firmId: true,
      decision: true,
      reason: true,
      againstRanking: true,
      modelVersion: true,
      decidedAt: true,
      scoreSnapshot: true,
      decidedBy: { select: { name: true } },
    },
  });
  const out = new Map<string, StandingDecision>();
  for (const r of rows) {
    out.set(r.firmId, {
      decision: r.decision as Decision,
      reason: r.reason,
      againstRanking: r.againstRanking,
      modelVersion: r.modelVersion,
      decidedAt: r.decidedAt,
      decidedByName: r.decidedBy.name,
      snapshot: parseSnapshot(r.scoreSnapshot),
    });
  }
  return out;
}

export interface ScreeningRun {
  readonly model: ScreeningModel;
  readonly comparisonGroup: ComparisonGroup;
  /** Highest score first (the engine's order). */
  readonly results: readonly FirmScreening[];
  readonly facts: ReadonlyMap<string, FirmFacts>;
  readonly counts: ReadonlyMap<string, EvidenceCounts>;
}

export async function runScreening(db: Db, programmeId: string, comparisonGroup: ComparisonGroup, now = new Date()): Promise<ScreeningRun> {
  const [model, gathered] = await Promise.all([currentModel(db, programmeId), programmeEvidence(db, programmeId, now)]);
  const results = screen(gathered.evidence, model, { comparisonGroup });
  return {
    model,
    comparisonGroup,
    results,
    facts: new Map(gathered.firms.map((f) => [f.id, f])),
    counts: gathered.counts,
  };
}

export type DecideResult =
  | { ok: true; againstRanking: AgainstReason[] }
  | { ok: false; problem: "firmNotInProgramme" | "reasonNeeded"; againstRanking?: AgainstReason[] };

/**
 * Records a decision with the firm's current score snapshot and model version. A decision against
 * the ranking (selection.ts) needs a written reason; without it nothing is written.
 */
export async function decide(
  db: Db,
  input: { programmeId: string; firmId: string; decision: Decision; reason: string; userId: string; comparisonGroup: ComparisonGroup },
): Promise<DecideResult> {
  const run = await runScreening(db, input.programmeId, input.comparisonGroup);
  const result = run.results.find((r) => r.firmId === input.firmId);
  if (!result) return { ok: false, problem: "firmNotInProgramme" };
  const standing = await standingDecisions(db, input.programmeId);
  const others = run.results
    .filter((r) => r.firmId !== input.firmId && standing.has(r.firmId))
    .map((r) => ({ firmId: r.firmId, total: r.total, eligible: r.eligibility.eligible, decision: standing.get(r.firmId)!.decision }));
  const eligibleTotals = run.results.filter((r) => r.eligibility.eligible && r.total !== null).map((r) => r.total!);
  const against = againstRanking(
    { firmId: result.firmId, total: result.total, eligible: result.eligibility.eligible },
    input.decision,
    others,
    eligibleTotals,
  );
  const reason = input.reason.trim();
  if (against.length > 0 && reason === "") return { ok: false, problem: "reasonNeeded", againstRanking: against };
  const snapshot = snapshotOf(result);
  const previous = standing.get(input.firmId);
  await db.$transaction(async (tx) => {
    const row = await tx.selection.create({
      data: {
        programmeId: input.programmeId,
        firmId: input.firmId,
        decision: input.decision,
        reason,
        againstRanking: against.length > 0,
        scoreSnapshot: JSON.stringify(snapshot),
        modelVersion: run.model.version,
        decidedById: input.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: input.userId,
      programmeId: input.programmeId,
      action: "screening.decide",
      entity: "Selection",
      entityId: row.id,
      before: previous ? { decision: previous.decision, reason: previous.reason, modelVersion: previous.modelVersion } : undefined,
      after: {
        firmId: input.firmId,
        decision: input.decision,
        reason,
        againstRanking: against,
        modelVersion: run.model.version,
        total: snapshot.total,
      },
    });
  });
  return { ok: true, againstRanking: against };
}

/** A firm's decisions, newest first. */
export async function firmDecisions(db: Db, programmeId: string, firmId: string) {
  const rows = await db.selection.findMany({
    where: { programmeId, firmId },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    select: { id: true, decision: true, reason: true, againstRanking: true, modelVersion: true, decidedAt: true, scoreSnapshot: true, decidedBy: { select: { name: true } } },
  });
  return rows.map(({ scoreSnapshot, decidedBy, ...r }) => ({ ...r, decidedByName: decidedBy.name, total: parseSnapshot(scoreSnapshot)?.total ?? null }));
}

export async function recordOutcomes(
  db: Db,
  input: { programmeId: string; userId: string; source: "form" | "import"; rows: readonly (OutcomeValues & { firmId: string })[] },
): Promise<number> {
  await db.$transaction(async (tx) => {
    await tx.outcome.createMany({
      data: input.rows.map((r) => ({ ...r, programmeId: input.programmeId, source: input.source, recordedById: input.userId })),
    });
    await recordAudit(tx, {
      actorId: input.userId,
      programmeId: input.programmeId,
      action: `screening.outcomes.${input.source}`,
      entity: "Outcome",
      entityId: input.programmeId,
      after: { rows: input.rows.length, firms: [...new Set(input.rows.map((r) => r.firmId))].length },
    });
  });
  return input.rows.length;
}

export interface ValidityReport {
  readonly measure: OutcomeMeasure;
  readonly predictors: readonly PredictorValidity[];
  /** Firms with a decision (score at selection). */
  readonly decided: number;
  /** Of them, with a growth figure for the measure. */
  readonly followedUp: number;
  readonly demo: boolean;
}

/**
 * How well the score at selection time (the latest decision's snapshot, not a recomputed score)
 * ranked firms by their later growth, against each single component and attendance alone.
 * Components are compared as percentiles within the comparison group, as they entered the score.
 */
export async function validityReport(db: Db, programmeId: string, measure: OutcomeMeasure): Promise<ValidityReport> {
  const [standing, outcomes, programme] = await Promise.all([
    standingDecisions(db, programmeId),
    db.outcome.findMany({
      where: { programmeId },
      select: { firmId: true, date: true, sales: true, workers: true, valueAdded: true, practiceScore: true },
    }),
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { isDemo: true } }),
  ]);
  const outcomesOf = new Map<string, OutcomeValues[]>();
  for (const o of outcomes) {
    const list = outcomesOf.get(o.firmId);
    if (list) list.push(o);
    else outcomesOf.set(o.firmId, [o]);
  }
  const firms: ValidityFirm[] = [];
  for (const [firmId, decision] of standing) {
    const snapshot = decision.snapshot;
    if (!snapshot) continue;
    const components: Record<string, number | null> = {};
    for (const key of COMPONENT_KEYS) components[key] = snapshot.components[key]?.percentile ?? snapshot.components[key]?.raw ?? null;
    firms.push({ firmId, total: snapshot.total, components, growth: growthOf(outcomesOf.get(firmId) ?? [], measure) });
  }
  return {
    measure,
    predictors: predictiveValidity(firms),
    decided: firms.length,
    followedUp: firms.filter((f) => f.growth !== null).length,
    demo: programme.isDemo,
  };
}

/** Firms of the programme by id and by name (lower case, trimmed), for the outcome import. */
export async function programmeFirmIndex(db: Db, programmeId: string) {
  const firms = await db.firm.findMany({
    where: { enrolments: { some: { cohort: { programmeId } } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const byKey = new Map<string, string>();
  for (const f of firms) {
    byKey.set(f.id, f.id);
    byKey.set(f.name.trim().toLowerCase(), f.id);
  }
  return { firms, find: (text: string) => byKey.get(text) ?? byKey.get(text.trim().toLowerCase()) };
}
