import type { RouterContextProvider } from "react-router";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import type { SessionUser } from "~/auth/roles";
import { db } from "~/db/db.server";

type Args = { request: Request; context: Readonly<RouterContextProvider> };

export type CohortAccess = {
  user: SessionUser;
  cohort: { id: string; name: string; programmeId: string; programmeName: string; attendanceThreshold: number; isDemo: boolean };
  /** manager (or admin) of the programme, or a trainer of this very cohort. */
  role: "manager" | "trainer";
};

/**
 * Who may run a cohort's classes: the programme's managers (and platform admins) and the
 * cohort's own trainers. A trainer of another cohort or programme is refused (403); an unknown
 * cohort is a 404.
 */
export async function requireCohortStaff(args: Args, cohortId: string): Promise<CohortAccess> {
  const user = requireUser(args);
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: { id: true, name: true, programmeId: true, programme: { select: { name: true, attendanceThreshold: true, isDemo: true } } },
  });
  if (!cohort) notFound();
  const role = await staffRole(user, cohort.programmeId, cohort.id);
  if (!role) forbidden();
  return {
    user,
    role,
    cohort: {
      id: cohort.id,
      name: cohort.name,
      programmeId: cohort.programmeId,
      programmeName: cohort.programme.name,
      attendanceThreshold: cohort.programme.attendanceThreshold,
      isDemo: cohort.programme.isDemo,
    },
  };
}

export async function staffRole(user: SessionUser, programmeId: string, cohortId: string): Promise<"manager" | "trainer" | null> {
  const roles = user.memberships.filter((m) => m.programmeId === programmeId).map((m) => m.role);
  if (user.isAdmin || roles.includes("manager")) return "manager";
  if (!roles.includes("trainer")) return null;
  const teaches = await db.cohortTrainer.findUnique({ where: { cohortId_userId: { cohortId, userId: user.id } }, select: { userId: true } });
  return teaches ? "trainer" : null;
}

export type SessionAccess = CohortAccess & {
  session: { id: string; cohortId: string; date: Date; startTime: string; endTime: string; venue: string; modules: string; trainerName: string | null };
};

/** The same rule for one class session, found by its id. */
export async function requireSessionStaff(args: Args, sessionId: string): Promise<SessionAccess> {
  const session = await db.classSession.findUnique({
    where: { id: sessionId },
    select: { id: true, cohortId: true, date: true, startTime: true, endTime: true, venue: true, modules: true, trainer: { select: { name: true } } },
  });
  if (!session) {
    requireUser(args);
    notFound();
  }
  const access = await requireCohortStaff(args, session.cohortId);
  const { trainer, ...rest } = session;
  return { ...access, session: { ...rest, trainerName: trainer?.name ?? null } };
}
