import { db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateInvitationCode } from "~/modules/people/invitation-code";
import { evidenceChanged } from "./evidence-version.server";

/** What a manager sees to set a programme up: cohorts with trainers, clusters, firms with owners. */
export async function setupPage(programmeId: string) {
  const programme = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true, organisationId: true, organisation: { select: { country: true } } } });
  const [cohorts, clusters, trainers, firms] = await Promise.all([
    db.cohort.findMany({
      where: { programmeId },
      select: { id: true, name: true, startsOn: true, trainers: { select: { user: { select: { id: true, name: true } } } }, _count: { select: { enrolments: true, classSessions: true } } },
      orderBy: { startsOn: "desc" },
    }),
    db.cluster.findMany({ where: { organisationId: programme.organisationId }, select: { id: true, name: true, town: true, country: true, sector: true, _count: { select: { firms: true } } }, orderBy: { name: "asc" } }),
    db.user.findMany({ where: { memberships: { some: { programmeId, role: "trainer" } } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.firm.findMany({
      where: { enrolments: { some: { cohort: { programmeId } } } },
      select: { id: true, name: true, sector: true, workers: true, foundedYear: true, cluster: { select: { name: true } }, owners: { select: { id: true, name: true, phone: true } }, enrolments: { select: { cohort: { select: { name: true } } } } },
      orderBy: { name: "asc" },
      take: 500,
    }),
  ]);
  return { programme: { id: programme.id, name: programme.name, country: programme.organisation.country }, cohorts, clusters, trainers, firms };
}

type Problem<F extends string> = { ok: false; field: F; problem: string };

export async function addCluster(programmeId: string, actorId: string, input: { name: string; town: string; country: string; sector: string }): Promise<{ ok: true } | Problem<"name">> {
  const { organisationId } = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { organisationId: true } });
  const same = await db.cluster.findUnique({ where: { organisationId_name: { organisationId, name: input.name } } });
  if (same) return { ok: false, field: "name", problem: "setup.clusterExists" };
  await db.$transaction(async (tx) => {
    const cluster = await tx.cluster.create({ data: { organisationId, ...input }, select: { id: true } });
    await recordAudit(tx, { actorId, programmeId, action: "cluster.create", entity: "Cluster", entityId: cluster.id, after: input });
  });
  return { ok: true };
}

export async function addCohort(programmeId: string, actorId: string, input: { name: string; startsOn: Date; trainerId?: string }): Promise<{ ok: true } | Problem<"name" | "trainerId">> {
  if (await db.cohort.findUnique({ where: { programmeId_name: { programmeId, name: input.name } } })) return { ok: false, field: "name", problem: "setup.cohortExists" };
  if (input.trainerId && !(await isTrainer(programmeId, input.trainerId))) return { ok: false, field: "trainerId", problem: "setup.notATrainer" };
  await db.$transaction(async (tx) => {
    const cohort = await tx.cohort.create({ data: { programmeId, name: input.name, startsOn: input.startsOn }, select: { id: true } });
    if (input.trainerId) await tx.cohortTrainer.create({ data: { cohortId: cohort.id, userId: input.trainerId } });
    await recordAudit(tx, { actorId, programmeId, action: "cohort.create", entity: "Cohort", entityId: cohort.id, after: input });
  });
  return { ok: true };
}

async function isTrainer(programmeId: string, userId: string) {
  return Boolean(await db.membership.findFirst({ where: { programmeId, userId, role: "trainer" }, select: { id: true } }));
}

export async function assignTrainer(programmeId: string, actorId: string, input: { cohortId: string; trainerId: string }): Promise<{ ok: true } | Problem<"cohortId" | "trainerId">> {
  const cohort = await db.cohort.findFirst({ where: { id: input.cohortId, programmeId }, select: { id: true } });
  if (!cohort) return { ok: false, field: "cohortId", problem: "invitations.cohortNotInProgramme" };
  if (!(await isTrainer(programmeId, input.trainerId))) return { ok: false, field: "trainerId", problem: "setup.notATrainer" };
  await db.$transaction(async (tx) => {
    await tx.cohortTrainer.upsert({ where: { cohortId_userId: { cohortId: input.cohortId, userId: input.trainerId } }, create: { cohortId: input.cohortId, userId: input.trainerId }, update: {} });
    await recordAudit(tx, { actorId, programmeId, action: "cohort.assignTrainer", entity: "Cohort", entityId: input.cohortId, after: { trainerId: input.trainerId } });
  });
  return { ok: true };
}

export type FirmInput = { name: string; sector: string; clusterId: string; cohortId: string; workers?: number; foundedYear?: number; ownerName: string; ownerPhone: string; ownerLanguage: string };

/** A firm, its enrolment in a cohort, and its owner with an invitation code: one transaction. */
export async function addFirm(programmeId: string, actorId: string, input: FirmInput): Promise<{ ok: true; code: string } | Problem<"clusterId" | "cohortId" | "ownerPhone">> {
  const { organisationId } = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { organisationId: true } });
  if (!(await db.cluster.findFirst({ where: { id: input.clusterId, organisationId } }))) return { ok: false, field: "clusterId", problem: "setup.clusterUnknown" };
  if (!(await db.cohort.findFirst({ where: { id: input.cohortId, programmeId } }))) return { ok: false, field: "cohortId", problem: "invitations.cohortNotInProgramme" };
  if (await db.user.findUnique({ where: { phone: input.ownerPhone } })) return { ok: false, field: "ownerPhone", problem: "join.phoneTaken" };
  const code = generateInvitationCode();
  await db.$transaction(async (tx) => {
    const firm = await tx.firm.create({
      data: { organisationId, clusterId: input.clusterId, name: input.name, sector: input.sector, workers: input.workers ?? null, foundedYear: input.foundedYear ?? null },
      select: { id: true },
    });
    await tx.enrolment.create({ data: { cohortId: input.cohortId, firmId: firm.id } });
    const owner = await tx.user.create({ data: { name: input.ownerName, phone: input.ownerPhone, language: input.ownerLanguage, firmId: firm.id }, select: { id: true } });
    await tx.membership.create({ data: { userId: owner.id, programmeId, role: "owner" } });
    await evidenceChanged(tx, { firmIds: [firm.id] });
    await tx.invitation.create({
      data: { code, programmeId, role: "owner", name: input.ownerName, firmId: firm.id, cohortId: input.cohortId, userId: owner.id, issuedById: actorId, expiresAt: new Date(Date.now() + 60 * 86_400_000) },
    });
    await recordAudit(tx, { actorId, programmeId, action: "firm.create", entity: "Firm", entityId: firm.id, after: input });
  });
  return { ok: true, code };
}
