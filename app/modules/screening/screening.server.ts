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
import { growthOf, latestOutcomes, type OutcomeMeasure, type OutcomeValues } from "./outcomes";
import { againstRanking, parseSnapshot, snapshotOf, type AgainstReason, type Decision, type ScoreSnapshot } from "./selection";
import {
  fifthsCovered,
  growthByDecision,
  predictiveValidity,
  type DecisionGroup,
  type DecisionGroupGrowth,
  type PredictorValidity,
  type ValidityFirm,
} from "./validity";

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

type OutcomeRow = OutcomeValues & { firmId: string };
const MEASURES = ["sales", "workers", "valueAdded", "practiceScore"] as const;

/** What saving these outcome rows would do: one row per firm and day, a filled cell replacing the stored one. */
export interface OutcomePlan {
  /** Firm-days not yet recorded. */
  readonly added: readonly OutcomeRow[];
  /** Firm-days recorded with other figures: the stored row, and what it becomes. */
  readonly changed: readonly { id: string; before: OutcomeRow; after: OutcomeRow }[];
  /** Firm-days already recorded with these very figures (a file imported again). */
  readonly unchanged: number;
}

/**
 * Compares outcome rows with what is stored. Rows of the same firm and day are merged in file
 * order; an empty cell leaves the stored figure alone, a filled one replaces it.
 */
export async function planOutcomes(db: Pick<Db, "outcome">, programmeId: string, rows: readonly OutcomeRow[]): Promise<OutcomePlan> {
  const key = (r: { firmId: string; date: Date }) => `${r.firmId}|${r.date.toISOString()}`;
  const incoming = new Map<string, OutcomeRow>();
  for (const row of rows) {
    const earlier = incoming.get(key(row));
    incoming.set(key(row), earlier ? mergeOutcome(earlier, row) : row);
  }
  const firmIds = [...new Set(rows.map((r) => r.firmId))];
  const stored = new Map<string, OutcomeRow & { id: string }>();
  for (let i = 0; i < firmIds.length; i += 500) {
    const found = await db.outcome.findMany({
      where: { programmeId, firmId: { in: firmIds.slice(i, i + 500) } },
      select: { id: true, firmId: true, date: true, sales: true, workers: true, valueAdded: true, practiceScore: true },
    });
    for (const o of found) stored.set(key(o), o);
  }
  const added: OutcomeRow[] = [];
  const changed: { id: string; before: OutcomeRow; after: OutcomeRow }[] = [];
  let unchanged = 0;
  for (const [k, row] of incoming) {
    const before = stored.get(k);
    if (!before) {
      added.push(row);
      continue;
    }
    const after = mergeOutcome(before, row);
    if (MEASURES.every((m) => after[m] === before[m])) unchanged += 1;
    else changed.push({ id: before.id, before: pickOutcome(before), after: pickOutcome(after) });
  }
  return { added, changed, unchanged };
}

function mergeOutcome<T extends OutcomeRow>(base: T, over: OutcomeRow): T {
  const out = { ...base };
  for (const m of MEASURES) if (over[m] !== null) (out as Record<string, unknown>)[m] = over[m];
  return out;
}

function pickOutcome(r: OutcomeRow): OutcomeRow {
  return { firmId: r.firmId, date: r.date, sales: r.sales, workers: r.workers, valueAdded: r.valueAdded, practiceScore: r.practiceScore };
}

/**
 * Saves outcome rows as planOutcomes describes, in one transaction: new firm-days added, changed
 * ones replaced with their earlier figures kept in the audit, identical ones left alone (importing
 * the same file twice changes nothing). The unique index on programme, firm and day holds the rule
 * when two saves race; the loser plans again once.
 */
export async function recordOutcomes(
  db: Db,
  input: { programmeId: string; userId: string; source: "form" | "import"; rows: readonly OutcomeRow[] },
): Promise<{ added: number; changed: number; unchanged: number }> {
  const attempt = () =>
    db.$transaction(async (tx) => {
      const plan = await planOutcomes(tx, input.programmeId, input.rows);
      if (plan.added.length > 0) {
        await tx.outcome.createMany({
          data: plan.added.map((r) => ({ ...r, programmeId: input.programmeId, source: input.source, recordedById: input.userId })),
        });
      }
      for (const c of plan.changed) {
        const { firmId: _f, date: _d, ...figures } = c.after;
        await tx.outcome.update({ where: { id: c.id }, data: { ...figures, source: input.source, recordedById: input.userId } });
        await recordAudit(tx, {
          actorId: input.userId,
          programmeId: input.programmeId,
          action: `screening.outcomes.replace`,
          entity: "Outcome",
          entityId: c.id,
          before: c.before,
          after: c.after,
        });
      }
      if (plan.added.length + plan.changed.length > 0) {
        await recordAudit(tx, {
          actorId: input.userId,
          programmeId: input.programmeId,
          action: `screening.outcomes.${input.source}`,
          entity: "Outcome",
          entityId: input.programmeId,
          after: { added: plan.added.length, changed: plan.changed.length, unchanged: plan.unchanged, firms: [...new Set(input.rows.map((r) => r.firmId))].length },
        });
      }
      return { added: plan.added.length, changed: plan.changed.length, unchanged: plan.unchanged };
    });
  try {
    return await attempt();
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return attempt();
    throw error;
  }
}

export interface ValidityReport {
  readonly measure: OutcomeMeasure;
  readonly predictors: readonly PredictorValidity[];
  /** Firms with a score in today's screening. */
  readonly screened: number;
  /** Firms with a growth figure for the measure: every one counts, decided or not. */
  readonly followedUp: number;
  /** Of them, firms with a decision (scored as at the decision). */
  readonly decided: number;
  /** Fifths of today's ranking that the follow-up covers (validity.fifthsCovered); 5 is all. */
  readonly fifthsCovered: number;
  readonly byDecision: readonly DecisionGroupGrowth[];
  readonly demo: boolean;
}

/**
 * How well the score ranked firms by their later growth, against each single component and
 * attendance alone, over every firm followed up. A firm with a decision is scored as it stood at
 * the decision (the latest decision's snapshot: the question is whether the score the agency
 * acted on ranked firms by growth); a firm without one by today's screening. Components are
 * compared as percentiles within the comparison group, as they entered the score. Outcomes are
 * read one per firm, date and measure (the latest recorded), so a repeated import counts once.
 */
export async function validityReport(db: Db, programmeId: string, measure: OutcomeMeasure): Promise<ValidityReport> {
  const [standing, outcomes, programme, run] = await Promise.all([
    standingDecisions(db, programmeId),
    db.outcome.findMany({
      where: { programmeId },
      select: { id: true, firmId: true, date: true, sales: true, workers: true, valueAdded: true, practiceScore: true, createdAt: true },
    }),
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { isDemo: true } }),
    runScreening(db, programmeId, "cohort"),
  ]);
  const outcomesOf = latestOutcomes(outcomes.map((o) => ({ ...o, recordedAt: o.createdAt })));
  const today = new Map(run.results.map((r) => [r.firmId, r]));
  const firms: (ValidityFirm & { decision: DecisionGroup })[] = [];
  for (const [firmId, values] of outcomesOf) {
    const growth = growthOf(values, measure);
    if (growth === null) continue;
    const decision = standing.get(firmId);
    const snapshot = decision?.snapshot;
    const components: Record<string, number | null> = {};
    let total: number | null;
    if (snapshot) {
      for (const key of COMPONENT_KEYS) components[key] = snapshot.components[key]?.percentile ?? snapshot.components[key]?.raw ?? null;
      total = snapshot.total;
    } else {
      const result = today.get(firmId);
      if (!result) continue; // no longer in the programme's cohorts
      for (const key of COMPONENT_KEYS) components[key] = result.components[key].standardised;
      total = result.total;
    }
    const group: DecisionGroup = !decision ? "undecided" : decision.decision === "not_selected" ? "notSelected" : decision.decision;
    firms.push({ firmId, total, components, growth, decision: group });
  }
  firms.sort((a, b) => (a.firmId < b.firmId ? -1 : a.firmId > b.firmId ? 1 : 0));
  const followed = new Set(firms.map((f) => f.firmId));
  const scored = run.results.filter((r) => r.total !== null);
  return {
    measure,
    predictors: predictiveValidity(firms, { bootstrap: 1000 }),
    screened: scored.length,
    followedUp: firms.length,
    decided: firms.filter((f) => f.decision !== "undecided").length,
    fifthsCovered: fifthsCovered(scored.map((r) => ({ total: r.total!, followedUp: followed.has(r.firmId) }))),
    byDecision: growthByDecision(firms),
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
