import type { SessionUser } from "~/auth/roles";
import { db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Language } from "~/i18n/languages";
import { catalogue } from "~/modules/content/catalogue.server";

export type ScheduleInput = {
  cohortId: string;
  programmeId: string;
  date: Date;
  startTime: string;
  endTime: string;
  venue: string;
  modules: string[];
  trainerId?: string;
  actorId: string;
};

export type ScheduleProblem = { field: "trainerId" | "modules" | "endTime"; problem: "trainerNotInCohort" | "unknownModule" | "endBeforeStart" };

/** Adds a class session to a cohort. The trainer, if named, must teach the cohort. */
export async function scheduleSession(input: ScheduleInput): Promise<{ ok: true; id: string } | ({ ok: false } & ScheduleProblem)> {
  if (input.endTime <= input.startTime) return { ok: false, field: "endTime", problem: "endBeforeStart" };
  const slugs = new Set(catalogue().map((m) => m.slug));
  if (input.modules.some((m) => !slugs.has(m))) return { ok: false, field: "modules", problem: "unknownModule" };
  if (input.trainerId) {
    const teaches = await db.cohortTrainer.findUnique({ where: { cohortId_userId: { cohortId: input.cohortId, userId: input.trainerId } } });
    if (!teaches) return { ok: false, field: "trainerId", problem: "trainerNotInCohort" };
  }
  const id = await db.$transaction(async (tx) => {
    const session = await tx.classSession.create({
      data: {
        cohortId: input.cohortId,
        date: input.date,
        startTime: input.startTime,
        endTime: input.endTime,
        venue: input.venue,
        modules: input.modules.join(","),
        trainerId: input.trainerId ?? null,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: input.actorId,
      programmeId: input.programmeId,
      action: "classSession.schedule",
      entity: "ClassSession",
      entityId: session.id,
      after: { date: input.date, startTime: input.startTime, endTime: input.endTime, venue: input.venue, modules: input.modules, trainerId: input.trainerId },
    });
    return session.id;
  });
  return { ok: true, id };
}

/** Midnight UTC of today: sessions are stored by calendar day. */
export function startOfToday(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const sessionFields = {
  id: true,
  date: true,
  startTime: true,
  endTime: true,
  venue: true,
  modules: true,
  cohortId: true,
  cohort: { select: { name: true } },
  trainer: { select: { name: true } },
  _count: { select: { attendances: true } },
} as const;

/** The cohorts a person runs classes for: all cohorts of programmes they manage, and the ones they teach. */
export async function staffCohortIds(user: SessionUser): Promise<string[]> {
  const managed = user.isAdmin ? undefined : user.memberships.filter((m) => m.role === "manager").map((m) => m.programmeId);
  const [teaching, managing] = await Promise.all([
    db.cohortTrainer.findMany({ where: { userId: user.id }, select: { cohortId: true } }),
    user.isAdmin
      ? db.cohort.findMany({ select: { id: true } })
      : managed!.length > 0
        ? db.cohort.findMany({ where: { programmeId: { in: managed } }, select: { id: true } })
        : Promise.resolve([]),
  ]);
  const trainerProgrammes = new Set(user.memberships.filter((m) => m.role === "trainer").map((m) => m.programmeId));
  const taught = trainerProgrammes.size > 0 ? teaching.map((t) => t.cohortId) : [];
  return [...new Set([...taught, ...managing.map((c) => c.id)])];
}

/** A trainer's page: today's sessions, then the next ones, then the recent past (roll still to take?). */
export async function trainerSessions(user: SessionUser, now = new Date()) {
  const cohortIds = await staffCohortIds(user);
  const today = startOfToday(now);
  const [upcoming, recent, cohorts] = await Promise.all([
    db.classSession.findMany({ where: { cohortId: { in: cohortIds }, date: { gte: today } }, select: sessionFields, orderBy: [{ date: "asc" }, { startTime: "asc" }], take: 30 }),
    db.classSession.findMany({ where: { cohortId: { in: cohortIds }, date: { lt: today } }, select: sessionFields, orderBy: [{ date: "desc" }, { startTime: "desc" }], take: 10 }),
    db.cohort.findMany({ where: { id: { in: cohortIds } }, select: { id: true, name: true, programme: { select: { name: true } } }, orderBy: { startsOn: "desc" } }),
  ]);
  const isToday = (d: Date) => d.getTime() === today.getTime();
  return {
    today: upcoming.filter((s) => isToday(s.date)),
    upcoming: upcoming.filter((s) => !isToday(s.date)),
    recent,
    cohorts: cohorts.map((c) => ({ id: c.id, name: c.name, programmeName: c.programme.name })),
  };
}

/** A cohort's sessions, oldest first, with how many marks each has. */
export async function cohortSessions(cohortId: string) {
  return db.classSession.findMany({ where: { cohortId }, select: sessionFields, orderBy: [{ date: "asc" }, { startTime: "asc" }] });
}

export async function cohortTrainers(cohortId: string) {
  const rows = await db.cohortTrainer.findMany({ where: { cohortId }, select: { user: { select: { id: true, name: true } } } });
  return rows.map((r) => r.user);
}

export function moduleChoices(language: string) {
  return catalogue().map((m) => ({ slug: m.slug, order: m.order, title: (m.lessons[language as Language] ?? m.lessons.en)?.frontmatter.title ?? m.slug }));
}
