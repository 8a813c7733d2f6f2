import { db } from "~/db/db.server";
import type { SessionUser } from "~/auth/roles";

/** What the home page shows a person about the programmes they hold a role in. */
export async function programmeOverviews(user: SessionUser) {
  const programmeIds = [...new Set(user.memberships.map((m) => m.programmeId))];
  if (programmeIds.length === 0) return [];
  const [programmes, trainerCohorts] = await Promise.all([
    db.programme.findMany({
      where: { id: { in: programmeIds } },
      select: {
        id: true,
        name: true,
        isDemo: true,
        organisation: { select: { name: true } },
        cohorts: { select: { id: true, name: true, _count: { select: { enrolments: true } } }, orderBy: { startsOn: "desc" } },
      },
      // Newest first: a programme just created is where a manager starts.
      orderBy: [{ createdAt: "desc" }, { startsOn: "desc" }],
    }),
    db.cohortTrainer.findMany({ where: { userId: user.id }, select: { cohortId: true } }),
  ]);
  const mine = new Set(trainerCohorts.map((c) => c.cohortId));
  return programmes.map((programme) => {
    const roles = user.memberships.filter((m) => m.programmeId === programme.id).map((m) => m.role);
    const isManager = roles.includes("manager");
    // Managers see every cohort; trainers the cohorts they teach; owners none.
    const cohorts = programme.cohorts
      .filter((c) => isManager || (roles.includes("trainer") && mine.has(c.id)))
      .map((c) => ({ id: c.id, name: c.name, firms: c._count.enrolments }));
    return {
      id: programme.id,
      name: programme.name,
      organisation: programme.organisation.name,
      isDemo: programme.isDemo,
      roles,
      cohorts,
      firms: programme.cohorts.reduce((sum, c) => sum + c._count.enrolments, 0),
    };
  });
}
