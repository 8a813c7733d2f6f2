// The randomised evaluation from the database: set-up (a draft whose seed is drawn once), the
// preview, the freeze, late firms, documented exceptions, non-compliance, and the facts the
// analysis reads. Every write is audited in the same transaction.
import { randomInt } from "node:crypto";
import type { Db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { practiceScore, unpackScores } from "~/modules/coaching/scoring";
import { assign, assignLate, type RosterFirm, type StrataPlan, type Stratifier } from "./assignment";
import { analyse, balanceTable, flow, type ArmFacts, type Covariate, type FirmFacts, type OutcomeKey } from "./analysis";
import { hashSeed } from "./assignment";
import { codebookTable, firmTable } from "./export";

export { ARM_GETS, getsOf, parseStratifiers, type ArmGets, type ArmInput } from "./arms";
import { parseStratifiers, type ArmInput } from "./arms";

/** Why a request is refused: translation keys under experiments.refused. */
export type Refusal = "trainingBegun" | "frozen" | "notFrozen" | "noExperiment" | "noControl" | "oneControl" | "tooFewArms" | "emptyCohort" | "sameArm" | "notAssigned" | "unknownCohort";

const DAY = 24 * 60 * 60 * 1000;

/** Training has begun in a cohort once its first day has come or a roll has been taken. */
export async function trainingBegun(db: Db, cohortId: string, now = new Date()): Promise<boolean> {
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { startsOn: true, classSessions: { where: { attendances: { some: {} } }, select: { id: true }, take: 1 } } });
  if (!cohort) return true;
  return cohort.startsOn.getTime() <= now.getTime() || cohort.classSessions.length > 0;
}

export async function experimentOf(db: Db, programmeId: string) {
  return db.experiment.findUnique({
    where: { programmeId },
    select: {
      id: true,
      cohortId: true,
      seed: true,
      stratifyBy: true,
      status: true,
      strataPlan: true,
      baselineUntil: true,
      createdAt: true,
      frozenAt: true,
      cohort: { select: { id: true, name: true, startsOn: true } },
      arms: { orderBy: { position: "asc" }, select: { id: true, position: true, name: true, offersClasses: true, offersVisits: true, ratio: true } },
    },
  });
}
export type ExperimentRow = NonNullable<Awaited<ReturnType<typeof experimentOf>>>;

function armsValid(arms: readonly ArmInput[]): Refusal | null {
  if (arms.length < 2) return "tooFewArms";
  const controls = arms.filter((a) => a.gets === "none").length;
  if (controls === 0) return "noControl";
  if (controls > 1) return "oneControl";
  return null;
}

/**
 * Creates the draft (drawing its seed) or updates its arms and strata; the seed stays the one
 * drawn first, so changing the settings never re-draws the randomness.
 */
export async function saveDraft(
  db: Db,
  input: { programmeId: string; userId: string; clientId: string; cohortId: string; arms: ArmInput[]; stratifyBy: Stratifier[]; now?: Date },
): Promise<{ ok: true; experimentId: string } | { ok: false; field: string; reason: Refusal }> {
  const invalid = armsValid(input.arms);
  if (invalid) return { ok: false, field: "arms", reason: invalid };
  const cohort = await db.cohort.findFirst({ where: { id: input.cohortId, programmeId: input.programmeId }, select: { id: true, startsOn: true } });
  if (!cohort) return { ok: false, field: "cohortId", reason: "unknownCohort" };
  if (await trainingBegun(db, cohort.id, input.now)) return { ok: false, field: "cohortId", reason: "trainingBegun" };
  const existing = await db.experiment.findUnique({ where: { programmeId: input.programmeId }, select: { id: true, status: true, clientId: true, seed: true } });
  if (existing?.status === "frozen") return { ok: false, field: "arms", reason: "frozen" };
  const armsData = input.arms.map((a, position) => ({ position, name: a.name, offersClasses: a.gets === "classes" || a.gets === "both", offersVisits: a.gets === "visits" || a.gets === "both", ratio: a.ratio }));
  const settings = { cohortId: cohort.id, stratifyBy: input.stratifyBy.join(","), baselineUntil: new Date(cohort.startsOn.getTime() - DAY) };
  return db.$transaction(async (tx) => {
    if (existing) {
      await tx.experimentArm.deleteMany({ where: { experimentId: existing.id } });
      await tx.experiment.update({ where: { id: existing.id }, data: { ...settings, arms: { create: armsData } } });
      await recordAudit(tx, { actorId: input.userId, programmeId: input.programmeId, action: "experiment.draft.update", entity: "Experiment", entityId: existing.id, after: { ...settings, arms: armsData, seed: existing.seed } });
      return { ok: true as const, experimentId: existing.id };
    }
    // The seed is drawn here, once; it is recorded in the row and in the audit trail.
    const seed = randomInt(1, 2 ** 31 - 1);
    const created = await tx.experiment.create({
      data: { ...settings, programmeId: input.programmeId, clientId: input.clientId, seed, createdById: input.userId, arms: { create: armsData } },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: input.userId, programmeId: input.programmeId, action: "experiment.draft.create", entity: "Experiment", entityId: created.id, after: { ...settings, arms: armsData, seed } });
    return { ok: true as const, experimentId: created.id };
  });
}

type CovariateFacts = { firm: RosterFirm & { name: string; clusterName: string }; covariates: Record<Covariate, number | null> };

/** The cohort's firms with what stratification and balance need, read in a few queries. */
export async function rosterOf(db: Db, programmeId: string, cohortId: string, baselineUntil: Date): Promise<CovariateFacts[]> {
  const [enrolments, outcomes, visits] = await Promise.all([
    db.enrolment.findMany({
      where: { cohortId },
      select: { firm: { select: { id: true, name: true, sector: true, workers: true, foundedYear: true, cluster: { select: { name: true } } } } },
    }),
    db.outcome.findMany({
      where: { programmeId, date: { lte: baselineUntil }, firm: { enrolments: { some: { cohortId } } } },
      orderBy: [{ date: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { firmId: true, sales: true, workers: true },
    }),
    db.coachingVisit.findMany({
      where: { programmeId, date: { lte: baselineUntil }, firm: { enrolments: { some: { cohortId } } } },
      orderBy: [{ date: "asc" }, { createdAt: "asc" }],
      select: { firmId: true, checklistPacked: true },
    }),
  ]);
  // The latest baseline figure of each measure (rows ordered oldest first: later ones win).
  const baseSales = new Map<string, number>();
  const baseWorkers = new Map<string, number>();
  for (const o of outcomes) {
    if (o.sales !== null) baseSales.set(o.firmId, o.sales);
    if (o.workers !== null) baseWorkers.set(o.firmId, o.workers);
  }
  const firstVisit = new Map<string, number | null>();
  for (const v of visits) if (!firstVisit.has(v.firmId)) firstVisit.set(v.firmId, practiceScore(unpackScores(v.checklistPacked)));
  const year = baselineUntil.getUTCFullYear();
  return enrolments
    .map(({ firm }) => {
      const workers = baseWorkers.get(firm.id) ?? firm.workers;
      const practice = firstVisit.get(firm.id) ?? null;
      return {
        firm: { id: firm.id, name: firm.name, cluster: firm.cluster.name, clusterName: firm.cluster.name, sector: firm.sector, workers, practice },
        covariates: { workers, years: firm.foundedYear ? year - firm.foundedYear : null, sales: baseSales.get(firm.id) ?? null, practice },
      };
    })
    .sort((a, b) => (a.firm.id < b.firm.id ? -1 : 1));
}

function armRatios(experiment: ExperimentRow) {
  return experiment.arms.map((a) => ({ key: a.id, ratio: a.ratio }));
}

/** The draft's assignment as the freeze would write it, with its balance table and merges. */
export async function preview(db: Db, programmeId: string, experiment: ExperimentRow) {
  const roster = await rosterOf(db, programmeId, experiment.cohortId, experiment.baselineUntil);
  const { plan, assignments } = assign(
    roster.map((r) => r.firm),
    armRatios(experiment),
    parseStratifiers(experiment.stratifyBy),
    experiment.seed,
  );
  const armOf = new Map(assignments.map((a) => [a.firmId, a]));
  const balance = balanceTable(armFacts(experiment), roster.map((r) => ({ armId: armOf.get(r.firm.id)!.arm, covariates: r.covariates })));
  return { plan, assignments, roster, balance };
}

export function armFacts(experiment: Pick<ExperimentRow, "arms">): ArmFacts[] {
  return experiment.arms.map((a) => ({ id: a.id, name: a.name, offersClasses: a.offersClasses, offersVisits: a.offersVisits, ratio: a.ratio }));
}

/** Writes the assignment once. Refused after training has begun or when already frozen. */
export async function freeze(db: Db, input: { programmeId: string; userId: string; now?: Date }): Promise<{ ok: true; assigned: number } | { ok: false; reason: Refusal }> {
  const experiment = await experimentOf(db, input.programmeId);
  if (!experiment) return { ok: false, reason: "noExperiment" };
  if (experiment.status === "frozen") return { ok: false, reason: "frozen" };
  if (await trainingBegun(db, experiment.cohortId, input.now)) return { ok: false, reason: "trainingBegun" };
  const { plan, assignments } = await preview(db, input.programmeId, experiment);
  if (assignments.length === 0) return { ok: false, reason: "emptyCohort" };
  return db.$transaction(async (tx) => {
    // Only a draft turns into a frozen experiment: two freezes at once write one assignment.
    const turned = await tx.experiment.updateMany({ where: { id: experiment.id, status: "draft" }, data: { status: "frozen", frozenAt: new Date(), frozenById: input.userId, strataPlan: JSON.stringify(plan) } });
    if (turned.count === 0) return { ok: false as const, reason: "frozen" as const };
    await tx.experimentAssignment.createMany({ data: assignments.map((a) => ({ experimentId: experiment.id, firmId: a.firmId, armId: a.arm, stratum: a.stratum, sequence: a.sequence })) });
    await recordAudit(tx, {
      actorId: input.userId,
      programmeId: input.programmeId,
      action: "experiment.freeze",
      entity: "Experiment",
      entityId: experiment.id,
      before: { status: "draft" },
      after: { status: "frozen", seed: experiment.seed, firms: assignments.length, merges: plan.merges },
    });
    return { ok: true as const, assigned: assignments.length };
  });
}

/** Firms enrolled in the cohort after the freeze and not yet assigned. */
export async function unassignedFirms(db: Db, experiment: Pick<ExperimentRow, "id" | "cohortId">): Promise<number> {
  return db.enrolment.count({ where: { cohortId: experiment.cohortId, firm: { experimentAssignments: { none: { experimentId: experiment.id } } } } });
}

/** Assigns the firms added since the freeze, by the same rule within their stratum, marked late. */
export async function assignLateFirms(db: Db, input: { programmeId: string; userId: string }): Promise<{ ok: true; assigned: number } | { ok: false; reason: Refusal }> {
  const experiment = await experimentOf(db, input.programmeId);
  if (!experiment) return { ok: false, reason: "noExperiment" };
  if (experiment.status !== "frozen" || !experiment.strataPlan) return { ok: false, reason: "notFrozen" };
  const plan = JSON.parse(experiment.strataPlan) as StrataPlan;
  const [roster, existing] = await Promise.all([
    rosterOf(db, input.programmeId, experiment.cohortId, experiment.baselineUntil),
    db.experimentAssignment.findMany({ where: { experimentId: experiment.id }, select: { firmId: true, stratum: true, sequence: true } }),
  ]);
  const assigned = new Set(existing.map((a) => a.firmId));
  const late = roster.filter((r) => !assigned.has(r.firm.id)).map((r) => r.firm);
  if (late.length === 0) return { ok: true, assigned: 0 };
  const used = new Map<string, number>();
  for (const a of existing) used.set(a.stratum, Math.max(used.get(a.stratum) ?? 0, a.sequence + 1));
  const rows = assignLate(late, armRatios(experiment), plan, experiment.seed, used);
  await db.$transaction(async (tx) => {
    // The unique (experiment, stratum, sequence) index refuses a second writer of the same label.
    await tx.experimentAssignment.createMany({ data: rows.map((a) => ({ experimentId: experiment.id, firmId: a.firmId, armId: a.arm, stratum: a.stratum, sequence: a.sequence, late: true })) });
    await recordAudit(tx, { actorId: input.userId, programmeId: input.programmeId, action: "experiment.assignLate", entity: "Experiment", entityId: experiment.id, after: { firms: rows.map((r) => ({ firmId: r.firmId, armId: r.arm, stratum: r.stratum })) } });
  });
  return { ok: true, assigned: rows.length };
}

/** A documented change to the arm a firm is given; the assignment itself stays as drawn. */
export async function recordException(
  db: Db,
  input: { programmeId: string; userId: string; clientId: string; firmId: string; toArmId: string; reason: string },
): Promise<{ ok: true } | { ok: false; field: string; reason: Refusal }> {
  const experiment = await experimentOf(db, input.programmeId);
  if (!experiment || experiment.status !== "frozen") return { ok: false, field: "firmId", reason: "notFrozen" };
  if (!experiment.arms.some((a) => a.id === input.toArmId)) return { ok: false, field: "toArmId", reason: "sameArm" };
  const current = await currentArmOf(db, experiment.id, input.firmId);
  if (!current) return { ok: false, field: "firmId", reason: "notAssigned" };
  if (current.armId === input.toArmId) return { ok: false, field: "toArmId", reason: "sameArm" };
  const already = await db.experimentException.findUnique({ where: { clientId: input.clientId }, select: { id: true } });
  if (already) return { ok: true };
  await db.$transaction(async (tx) => {
    const row = await tx.experimentException.create({
      data: { clientId: input.clientId, experimentId: experiment.id, firmId: input.firmId, fromArmId: current.armId, toArmId: input.toArmId, reason: input.reason, recordedById: input.userId },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: input.userId, programmeId: input.programmeId, action: "experiment.exception", entity: "ExperimentException", entityId: row.id, before: { firmId: input.firmId, armId: current.armId }, after: { firmId: input.firmId, armId: input.toArmId, reason: input.reason } });
  });
  return { ok: true };
}

/** The arm a firm is given now: the assigned arm, or the latest exception's. */
async function currentArmOf(db: Pick<Db, "experimentAssignment" | "experimentException">, experimentId: string, firmId: string): Promise<{ armId: string } | null> {
  const [assignment, exception] = await Promise.all([
    db.experimentAssignment.findUnique({ where: { experimentId_firmId: { experimentId, firmId } }, select: { armId: true } }),
    db.experimentException.findFirst({ where: { experimentId, firmId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { toArmId: true } }),
  ]);
  if (!assignment) return null;
  return { armId: exception?.toArmId ?? assignment.armId };
}

export type DeliveryCheck = { experimentId: string; armName: string; offersClasses: boolean; offersVisits: boolean };

/** The arm a firm is given in a frozen experiment of the programme, until its follow-up is recorded, for the delivery forms' warnings. */
export async function deliveryCheck(db: Db, programmeId: string, firmId: string): Promise<DeliveryCheck | null> {
  const experiment = await db.experiment.findUnique({ where: { programmeId }, select: { id: true, status: true, baselineUntil: true, arms: { select: { id: true, name: true, offersClasses: true, offersVisits: true } } } });
  if (!experiment || experiment.status !== "frozen") return null;
  // Once the firm's follow-up has been recorded the comparison has been measured: delivery is free again.
  const followedUp = await db.outcome.findFirst({ where: { programmeId, firmId, date: { gt: experiment.baselineUntil } }, select: { id: true } });
  if (followedUp) return null;
  const current = await currentArmOf(db, experiment.id, firmId);
  const arm = current && experiment.arms.find((a) => a.id === current.armId);
  return arm ? { experimentId: experiment.id, armName: arm.name, offersClasses: arm.offersClasses, offersVisits: arm.offersVisits } : null;
}

/** Records a visit made against the firm's arm, with the trainer's reason; a replay records nothing twice. */
export async function recordVisitNonCompliance(
  tx: Pick<Db, "experimentNonCompliance" | "auditEvent">,
  input: { experimentId: string; programmeId: string; firmId: string; visitClientId: string; reason: string; userId: string },
): Promise<void> {
  const reference = `visit:${input.visitClientId}`;
  const existing = await tx.experimentNonCompliance.findUnique({ where: { reference }, select: { id: true } });
  if (existing) return;
  const row = await tx.experimentNonCompliance.create({
    data: { experimentId: input.experimentId, firmId: input.firmId, kind: "visit", reference, reason: input.reason, recordedById: input.userId },
    select: { id: true },
  });
  await recordAudit(tx, { actorId: input.userId, programmeId: input.programmeId, action: "experiment.nonCompliance", entity: "ExperimentNonCompliance", entityId: row.id, after: { firmId: input.firmId, kind: "visit", reason: input.reason } });
}

/** Everything the analysis and the export read about each assigned firm, in a fixed number of queries. */
export async function analysisFacts(db: Db, programmeId: string, experiment: ExperimentRow) {
  const [assignments, roster, followUps, attended, visits, exceptions, nonCompliance] = await Promise.all([
    db.experimentAssignment.findMany({ where: { experimentId: experiment.id }, orderBy: { firmId: "asc" }, select: { firmId: true, armId: true, stratum: true, late: true } }),
    rosterOf(db, programmeId, experiment.cohortId, experiment.baselineUntil),
    db.outcome.findMany({
      where: { programmeId, date: { gt: experiment.baselineUntil }, firm: { experimentAssignments: { some: { experimentId: experiment.id } } } },
      orderBy: [{ date: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { firmId: true, sales: true, workers: true, practiceScore: true },
    }),
    db.attendance.findMany({
      where: { status: { in: ["present", "late"] }, session: { cohortId: experiment.cohortId }, person: { firm: { experimentAssignments: { some: { experimentId: experiment.id } } } } },
      distinct: ["personId"],
      select: { person: { select: { firmId: true } } },
    }),
    db.coachingVisit.findMany({ where: { programmeId, date: { gt: experiment.baselineUntil }, firm: { experimentAssignments: { some: { experimentId: experiment.id } } } }, select: { firmId: true } }),
    db.experimentException.findMany({ where: { experimentId: experiment.id }, orderBy: { createdAt: "asc" }, select: { firmId: true, reason: true, createdAt: true, fromArm: { select: { name: true } }, toArm: { select: { name: true } }, firm: { select: { name: true } } } }),
    db.experimentNonCompliance.findMany({ where: { experimentId: experiment.id }, select: { firmId: true, kind: true } }),
  ]);
  const covariatesOf = new Map(roster.map((r) => [r.firm.id, r]));
  // One value per firm and measure: the latest follow-up figure (oldest first: later ones win,
  // which also settles two rows of one day in favour of the one recorded last).
  const latest = new Map<string, { sales: number | null; workers: number | null; practiceScore: number | null }>();
  for (const o of followUps) {
    const seen = latest.get(o.firmId) ?? { sales: null, workers: null, practiceScore: null };
    latest.set(o.firmId, { sales: o.sales ?? seen.sales, workers: o.workers ?? seen.workers, practiceScore: o.practiceScore ?? seen.practiceScore });
  }
  const attendedFirms = new Set(attended.flatMap((a) => (a.person.firmId ? [a.person.firmId] : [])));
  const visitedFirms = new Set(visits.map((v) => v.firmId));
  const names = new Map<string, { name: string; cluster: string; sector: string }>();
  const firms: FirmFacts[] = assignments.map((a) => {
    const facts = covariatesOf.get(a.firmId);
    const covariates = facts?.covariates ?? { workers: null, years: null, sales: null, practice: null };
    names.set(a.firmId, { name: facts?.firm.name ?? a.firmId, cluster: facts?.firm.clusterName ?? "", sector: facts?.firm.sector ?? "" });
    const follow = latest.get(a.firmId);
    const outcomes: Record<OutcomeKey, number | null> = {
      salesGrowth: follow?.sales != null && covariates.sales !== null && covariates.sales > 0 ? (follow.sales - covariates.sales) / covariates.sales : null,
      workersGrowth: follow?.workers != null && covariates.workers !== null ? follow.workers - covariates.workers : null,
      practice: follow?.practiceScore ?? null,
    };
    return {
      id: a.firmId,
      name: facts?.firm.name ?? a.firmId,
      armId: a.armId,
      stratum: a.stratum,
      late: a.late,
      tookUp: attendedFirms.has(a.firmId) || visitedFirms.has(a.firmId),
      followedUp: latest.has(a.firmId),
      covariates,
      outcomes,
      baselineScore: covariates.practice,
    };
  });
  // Delivery against the arm: visits or class attendance for firms whose arm offers neither.
  const armById = new Map(experiment.arms.map((a) => [a.id, a]));
  const againstArm = firms.filter((f) => {
    const arm = armById.get(f.armId)!;
    return (!arm.offersVisits && visitedFirms.has(f.id)) || (!arm.offersClasses && attendedFirms.has(f.id));
  }).map((f) => ({ firmId: f.id, name: f.name, armId: f.armId, visits: visitedFirms.has(f.id), classes: attendedFirms.has(f.id), confirmed: nonCompliance.filter((n) => n.firmId === f.id).length }));
  return { firms, names, exceptions, againstArm };
}

/** What the set-up page shows: the draft's preview, or the frozen assignment with its balance. */
export async function experimentPage(db: Db, programmeId: string, now = new Date()) {
  const [programme, cohorts, experiment] = await Promise.all([
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true, isDemo: true } }),
    db.cohort.findMany({ where: { programmeId }, orderBy: { startsOn: "asc" }, select: { id: true, name: true, startsOn: true, _count: { select: { enrolments: true } } } }),
    experimentOf(db, programmeId),
  ]);
  const cohortChoices = await Promise.all(cohorts.map(async (c) => ({ id: c.id, name: c.name, firms: c._count.enrolments, begun: await trainingBegun(db, c.id, now) })));
  if (!experiment) return { programme, cohorts: cohortChoices, experiment: null, draft: null, frozen: null };
  if (experiment.status !== "frozen") {
    const p = await preview(db, programmeId, experiment);
    const perArm = experiment.arms.map((a) => ({ armId: a.id, firms: p.assignments.filter((x) => x.arm === a.id).length }));
    return {
      programme,
      cohorts: cohortChoices,
      experiment,
      draft: { firms: p.roster.length, strata: new Set(p.assignments.map((a) => a.stratum)).size, merges: p.plan.merges, balance: p.balance, perArm, begun: await trainingBegun(db, experiment.cohortId, now) },
      frozen: null,
    };
  }
  const [assignments, roster, late, exceptions] = await Promise.all([
    db.experimentAssignment.findMany({ where: { experimentId: experiment.id }, select: { firmId: true, armId: true, late: true, stratum: true, firm: { select: { name: true } } } }),
    rosterOf(db, programmeId, experiment.cohortId, experiment.baselineUntil),
    unassignedFirms(db, experiment),
    db.experimentException.findMany({ where: { experimentId: experiment.id }, orderBy: { createdAt: "asc" }, select: { id: true, reason: true, createdAt: true, firm: { select: { name: true } }, fromArm: { select: { name: true } }, toArm: { select: { name: true } } } }),
  ]);
  const covariates = new Map(roster.map((r) => [r.firm.id, r.covariates]));
  const balance = balanceTable(armFacts(experiment), assignments.map((a) => ({ armId: a.armId, covariates: covariates.get(a.firmId) ?? { workers: null, years: null, sales: null, practice: null } })));
  const perArm = experiment.arms.map((a) => ({ armId: a.id, firms: assignments.filter((x) => x.armId === a.id).length, late: assignments.filter((x) => x.armId === a.id && x.late).length }));
  const plan = experiment.strataPlan ? (JSON.parse(experiment.strataPlan) as StrataPlan) : null;
  return {
    programme,
    cohorts: cohortChoices,
    experiment,
    draft: null,
    frozen: {
      firms: assignments.length,
      strata: new Set(assignments.map((a) => a.stratum)).size,
      merges: plan?.merges ?? [],
      balance,
      perArm,
      late,
      exceptions,
      assigned: assignments.map((a) => ({ id: a.firmId, name: a.firm.name, armId: a.armId })).sort((a, b) => a.name.localeCompare(b.name)),
    },
  };
}

/** Randomisation-inference draws on the results page. */
export const RESULT_DRAWS = 2000;

/** The results page: refused (with the reason) without a frozen experiment or any follow-up. */
export async function experimentResults(db: Db, programmeId: string) {
  const [programme, experiment] = await Promise.all([
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true, isDemo: true } }),
    experimentOf(db, programmeId),
  ]);
  const empty = { programme, experiment, analysis: null, flowRows: null, balance: null, exceptions: [] as Awaited<ReturnType<typeof analysisFacts>>["exceptions"], againstArm: [] as Awaited<ReturnType<typeof analysisFacts>>["againstArm"] };
  if (!experiment) return { ...empty, refused: "noExperiment" as Refusal | "noFollowUp" };
  if (experiment.status !== "frozen") return { ...empty, refused: "notFrozen" as Refusal | "noFollowUp" };
  const facts = await analysisFacts(db, programmeId, experiment);
  const arms = armFacts(experiment);
  const base = { ...empty, flowRows: flow(arms, facts.firms), balance: balanceTable(arms, facts.firms), exceptions: facts.exceptions, againstArm: facts.againstArm };
  // The re-draws are seeded from the experiment's own seed: the page shows the same p-values every time.
  const result = analyse(arms, facts.firms, { draws: RESULT_DRAWS, seed: hashSeed(experiment.seed, "randomisation-inference") });
  if (!result.ok) return { ...base, refused: result.reason as Refusal | "noFollowUp" };
  return { ...base, analysis: result.analysis, refused: null };
}

/** The analysts' files; refused before the freeze. */
export async function experimentExport(db: Db, programmeId: string) {
  const experiment = await experimentOf(db, programmeId);
  if (!experiment || experiment.status !== "frozen") return { ok: false as const, reason: (experiment ? "notFrozen" : "noExperiment") as Refusal };
  const facts = await analysisFacts(db, programmeId, experiment);
  const exceptionArm = new Map(facts.exceptions.map((e) => [e.firmId, e.toArm.name]));
  return {
    ok: true as const,
    firms: firmTable(armFacts(experiment), facts.firms, facts.names, exceptionArm),
    codebook: codebookTable(experiment.baselineUntil.toISOString().slice(0, 10), experiment.seed),
  };
}
