import type { SessionUser } from "~/auth/roles";
import { db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Language } from "~/i18n/languages";
import { catalogue } from "~/modules/content/catalogue.server";
import { planSeries, seriesClientId, type PlannedSession } from "./series";

export type ScheduleInput = {
  cohortId: string;
  programmeId: string;
  /** The first (or only) session's day, "YYYY-MM-DD". */
  date: string;
  /** How many sessions, one every `everyDays` days (1: a single session). */
  count?: number;
  everyDays?: number;
  startTime: string;
  endTime: string;
  venue: string;
  /** Ticked modules in order; a series spreads them over its sessions (series.ts). */
  modules: string[];
  trainerId?: string;
  actorId: string;
  /** The form's idempotency key (made when the form was shown). */
  clientId: string;
};

export type ScheduleProblem = {
  field: "trainerId" | "modules" | "endTime" | "startTime";
  problem: "trainerNotInCohort" | "unknownModule" | "endBeforeStart" | "sessionExists";
  /** The day already taken, for "sessionExists". */
  clashOn?: string;
};

export type ScheduleResult = { ok: true; ids: string[]; replayed: boolean } | ({ ok: false } & ScheduleProblem);

/** The sessions a schedule would create, for the preview: nothing is written. */
export function previewSchedule(input: Pick<ScheduleInput, "date" | "count" | "everyDays" | "modules">): PlannedSession[] {
  return planSeries({ start: input.date, count: input.count ?? 1, everyDays: input.everyDays ?? 7, modules: input.modules });
}

/**
 * Adds one class session, or a repeating series, to a cohort in one transaction. The trainer, if
 * named, must teach the cohort. A form sent again (same key) stores nothing new and answers with
 * what it stored; a session at a cohort's day and start time already taken is refused, by the
 * database's unique index when two requests race.
 */
export async function scheduleSessions(input: ScheduleInput): Promise<ScheduleResult> {
  if (input.endTime <= input.startTime) return { ok: false, field: "endTime", problem: "endBeforeStart" };
  const slugs = new Set(catalogue().map((m) => m.slug));
  if (input.modules.some((m) => !slugs.has(m))) return { ok: false, field: "modules", problem: "unknownModule" };
  if (input.trainerId) {
    const teaches = await db.cohortTrainer.findUnique({ where: { cohortId_userId: { cohortId: input.cohortId, userId: input.trainerId } } });
    if (!teaches) return { ok: false, field: "trainerId", problem: "trainerNotInCohort" };
  }
  const plan = previewSchedule(input);
  const keys = plan.map((_, i) => seriesClientId(input.clientId, i, plan.length));
  const replay = async (): Promise<ScheduleResult | null> => {
    const stored = await db.classSession.findMany({ where: { clientId: { in: keys } }, select: { id: true, cohortId: true } });
    if (stored.length === 0) return null;
    return { ok: true, ids: stored.map((s) => s.id), replayed: true };
  };
  const clash = async (): Promise<ScheduleResult | null> => {
    const taken = await db.classSession.findFirst({
      where: { cohortId: input.cohortId, startTime: input.startTime, date: { in: plan.map((p) => dayDate(p.date)) } },
      select: { date: true },
      orderBy: { date: "asc" },
    });
    return taken ? { ok: false, field: "startTime", problem: "sessionExists", clashOn: taken.date.toISOString().slice(0, 10) } : null;
  };
  const early = (await replay()) ?? (await clash());
  if (early) return early;
  try {
    const ids = await db.$transaction(async (tx) => {
      const made: string[] = [];
      for (const [i, planned] of plan.entries()) {
        const session = await tx.classSession.create({
          data: {
            cohortId: input.cohortId,
            date: dayDate(planned.date),
            startTime: input.startTime,
            endTime: input.endTime,
            venue: input.venue,
            modules: planned.modules.join(","),
            trainerId: input.trainerId ?? null,
            clientId: keys[i]!,
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: input.actorId,
          programmeId: input.programmeId,
          action: "classSession.schedule",
          entity: "ClassSession",
          entityId: session.id,
          after: { date: planned.date, startTime: input.startTime, endTime: input.endTime, venue: input.venue, modules: planned.modules, trainerId: input.trainerId ?? null },
        });
        made.push(session.id);
      }
      return made;
    });
    return { ok: true, ids, replayed: false };
  } catch (error) {
    // Another request got there first: either the same form (a double tap) or the same slot.
    if ((error as { code?: string }).code === "P2002") {
      const after = (await replay()) ?? (await clash());
      if (after) return after;
    }
    throw error;
  }
}

/** A "YYYY-MM-DD" day as stored: midnight UTC. */
export function dayDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
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
  cancelledAt: true,
  cancelReason: true,
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
