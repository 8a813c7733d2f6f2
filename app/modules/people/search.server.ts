// Finding a firm or an owner by name, firm name or phone, across what the person may see:
// a platform admin everything; a manager their programmes; a trainer the cohorts they teach.
import type { SessionUser } from "~/auth/roles";
import { db } from "~/db/db.server";
import { containsPattern, SEARCH_LIMIT, type SearchQuery } from "./search";

export function isStaff(user: SessionUser): boolean {
  return user.isAdmin || user.memberships.some((m) => m.role === "manager" || m.role === "trainer");
}

export type FoundFirm = {
  id: string;
  name: string;
  clusterName: string;
  cohorts: { id: string; name: string }[];
  owners: { id: string; name: string; phone: string | null }[];
};

/**
 * One query finds the firms (at most SEARCH_LIMIT + 1, to know there are more), a second reads
 * their owners and classes. The matches are gathered first (a UNION of firm names and owners'
 * names: four times faster on SQLite than testing each firm's access first), then kept only
 * where the person may look. The scope is written in SQL beside the match so that a trainer's
 * search never even reads another cohort's firms. LOWER() and LIKE work the same on SQLite and
 * PostgreSQL for the Latin alphabet; SQLite leaves other capitals as they are (noted in
 * docs/decisions/0017-bulk-selection-and-finding-people.md).
 */
export async function searchFirms(user: SessionUser, query: SearchQuery): Promise<{ firms: FoundFirm[]; more: boolean }> {
  const admin = user.isAdmin ? "yes" : "no";
  const limit = SEARCH_LIMIT + 1;
  const ids =
    query.kind === "text"
      ? await db.$queryRaw<{ id: string }[]>`
          SELECT f."id" AS "id", f."name" AS "name" FROM "Firm" f
          WHERE f."id" IN (
            SELECT f2."id" FROM "Firm" f2 WHERE LOWER(f2."name") LIKE ${containsPattern(query.text)} ESCAPE '\\'
            UNION
            SELECT u."firmId" FROM "User" u WHERE u."firmId" IS NOT NULL AND LOWER(u."name") LIKE ${containsPattern(query.text)} ESCAPE '\\')
          AND EXISTS (
            SELECT 1 FROM "Enrolment" e JOIN "Cohort" c ON c."id" = e."cohortId"
            WHERE e."firmId" = f."id" AND (
              ${admin} = 'yes'
              OR EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = ${user.id} AND m."programmeId" = c."programmeId" AND m."role" = 'manager')
              OR EXISTS (SELECT 1 FROM "CohortTrainer" ct JOIN "Membership" m ON m."userId" = ct."userId" AND m."programmeId" = c."programmeId" AND m."role" = 'trainer'
                         WHERE ct."cohortId" = c."id" AND ct."userId" = ${user.id})))
          ORDER BY f."name", f."id"
          LIMIT ${limit}`
      : await db.$queryRaw<{ id: string }[]>`
          SELECT f."id" AS "id", f."name" AS "name" FROM "Firm" f
          WHERE f."id" IN (SELECT u."firmId" FROM "User" u WHERE u."firmId" IS NOT NULL AND u."phone" LIKE ${containsPattern(query.digits)} ESCAPE '\\')
          AND EXISTS (
            SELECT 1 FROM "Enrolment" e JOIN "Cohort" c ON c."id" = e."cohortId"
            WHERE e."firmId" = f."id" AND (
              ${admin} = 'yes'
              OR EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = ${user.id} AND m."programmeId" = c."programmeId" AND m."role" = 'manager')
              OR EXISTS (SELECT 1 FROM "CohortTrainer" ct JOIN "Membership" m ON m."userId" = ct."userId" AND m."programmeId" = c."programmeId" AND m."role" = 'trainer'
                         WHERE ct."cohortId" = c."id" AND ct."userId" = ${user.id})))
          ORDER BY f."name", f."id"
          LIMIT ${limit}`;
  const more = ids.length > SEARCH_LIMIT;
  const found = ids.slice(0, SEARCH_LIMIT).map((r) => r.id);
  if (found.length === 0) return { firms: [], more: false };
  const [firms, visible] = await Promise.all([
    db.firm.findMany({
      where: { id: { in: found } },
      select: {
        id: true,
        name: true,
        cluster: { select: { name: true } },
        owners: { select: { id: true, name: true, phone: true }, orderBy: { name: "asc" } },
        enrolments: { select: { cohort: { select: { id: true, name: true, programmeId: true } } } },
      },
    }),
    visibleCohortFilter(user),
  ]);
  const order = new Map(found.map((id, i) => [id, i]));
  return {
    more,
    firms: firms
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((f) => ({
        id: f.id,
        name: f.name,
        clusterName: f.cluster.name,
        cohorts: f.enrolments.map((e) => e.cohort).filter(visible).map(({ id, name }) => ({ id, name })),
        owners: f.owners,
      })),
  };
}

/** Which of a firm's classes the person may see (a firm may also be in a class of another programme). */
async function visibleCohortFilter(user: SessionUser): Promise<(c: { id: string; programmeId: string }) => boolean> {
  if (user.isAdmin) return () => true;
  const managed = new Set(user.memberships.filter((m) => m.role === "manager").map((m) => m.programmeId));
  const trainerIn = new Set(user.memberships.filter((m) => m.role === "trainer").map((m) => m.programmeId));
  const taught = new Set((await db.cohortTrainer.findMany({ where: { userId: user.id }, select: { cohortId: true } })).map((t) => t.cohortId));
  return (c) => managed.has(c.programmeId) || (trainerIn.has(c.programmeId) && taught.has(c.id));
}

/** The classes a person may look into, for the links to each class's "who to call" list. */
export async function searchableCohorts(user: SessionUser) {
  const managed = user.memberships.filter((m) => m.role === "manager").map((m) => m.programmeId);
  const trainerIn = user.memberships.filter((m) => m.role === "trainer").map((m) => m.programmeId);
  return db.cohort.findMany({
    where: user.isAdmin ? {} : { OR: [{ programmeId: { in: managed } }, { programmeId: { in: trainerIn }, trainers: { some: { userId: user.id } } }] },
    select: { id: true, name: true, programme: { select: { name: true } } },
    orderBy: [{ programme: { name: "asc" } }, { startsOn: "asc" }],
    take: 100,
  });
}
