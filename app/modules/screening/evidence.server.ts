// Gathers the engine's evidence (evidence.ts) from the records in a fixed number of queries,
// whatever the number of firms (no query per firm): the class sessions, attendance and quiz
// attempts aggregated in SQL to one packed row per firm (a million marks or attempts need not
// cross the driver), and the coaching visits from the coaching module's own
// screening-evidence.server.ts. The counting rules stay those of attendance/rates.ts (held
// sessions, best mark of the firm's owners) and of the learning feature (first and best attempts).
// A source that has recorded nothing for a firm leaves that evidence null, never zero.
// The screening reads this through evidence-store.server.ts, which keeps what was gathered.
import type { Db } from "~/db/db.server";
import { rawDate } from "~/db/raw-values";
import { Prisma } from "~/generated/sqlite/client";
import { heldSessions, MARK_RANK } from "~/modules/attendance/rates";
import { coachingEvidence, type FirmCoachingEvidence } from "~/modules/coaching/screening-evidence.server";
import type { GatheredEvidence } from "./evidence-codec";
import type { QuizModuleEvidence } from "./evidence";

/** What the screening pages show about a firm besides its evidence. */
export interface FirmFacts {
  readonly id: string;
  readonly name: string;
  readonly cohortId: string;
  readonly cohortName: string;
  readonly clusterId: string;
  readonly clusterName: string;
  readonly country: string;
  readonly sector: string;
}

/** A firm as the gathering needs it: its screening cohort, and whether anyone owns it on the roll. */
export interface FirmToGather {
  readonly id: string;
  readonly cohortId: string;
  readonly hasOwner: boolean;
}

const CHUNK = 500;

/**
 * The evidence of the given firms of a programme. With `whole`, the firms are (nearly) all of the
 * programme's and the queries read the programme at once; otherwise they read these firms only, 500
 * at a time.
 */
export async function gatherEvidence(
  db: Db,
  programmeId: string,
  firms: readonly FirmToGather[],
  options: { whole: boolean; now: Date },
): Promise<Map<string, GatheredEvidence>> {
  const out = new Map<string, GatheredEvidence>();
  if (firms.length === 0) return out;
  const cohortIds = [...new Set(firms.map((f) => f.cohortId))];
  const inCohorts = options.whole ? Prisma.empty : Prisma.sql`AND s."cohortId" IN (${Prisma.join(cohortIds)})`;
  const [sessions, marked] = await Promise.all([
    db.$queryRaw<{ id: string; cohortId: string; date: Date | number | string }[]>`
      SELECT s."id" AS "id", s."cohortId" AS "cohortId", s."date" AS "date"
      FROM "ClassSession" s JOIN "Cohort" c ON c."id" = s."cohortId"
      WHERE c."programmeId" = ${programmeId} AND s."cancelledAt" IS NULL ${inCohorts}`,
    // Sessions whose roll was taken (any mark): only those count as held (attendance/rates.ts).
    db.$queryRaw<{ sessionId: string }[]>`
      SELECT DISTINCT a."sessionId" AS "sessionId"
      FROM "Attendance" a JOIN "ClassSession" s ON s."id" = a."sessionId" JOIN "Cohort" c ON c."id" = s."cohortId"
      WHERE c."programmeId" = ${programmeId} ${inCohorts}`,
  ]);
  const heldOf = new Map<string, Set<string>>();
  const dated = sessions.map((s) => ({ id: s.id, cohortId: s.cohortId, date: rawDate(s.date) }));
  for (const s of heldSessions(dated, marked, options.now)) {
    const held = heldOf.get(s.cohortId);
    if (held) held.add(s.id);
    else heldOf.set(s.cohortId, new Set([s.id]));
  }

  const scopes = options.whole ? [null] : chunks(firms.map((f) => f.id));
  const marks = new Map<string, string>();
  const quiz = new Map<string, string>();
  const coaching = new Map<string, FirmCoachingEvidence>();
  for (const ids of scopes) {
    const firmsOf = (column: Prisma.Sql) =>
      ids
        ? Prisma.sql`${column} IN (${Prisma.join(ids)})`
        : Prisma.sql`${column} IN (SELECT e."firmId" FROM "Enrolment" e JOIN "Cohort" c ON c."id" = e."cohortId" WHERE c."programmeId" = ${programmeId})`;
    const [markRows, quizRows, visits] = await Promise.all([
      // Per firm, every mark of its owners packed "sessionId:status,…" (one row per firm; the best
      // mark per session is taken in JS, cheaper here than grouping by firm and session in SQL).
      db.$queryRaw<{ firmId: string; marks: string }[]>`
        SELECT u."firmId" AS "firmId", string_agg(a."sessionId" || ':' || a."status", ',') AS "marks"
        FROM "User" u JOIN "Attendance" a ON a."personId" = u."id"
        WHERE ${firmsOf(Prisma.sql`u."firmId"`)}
        GROUP BY u."firmId"`,
      // Per firm, every quiz attempt in the order taken, packed "module:kind:score,…" (one row per
      // firm; an ordered aggregate is several times faster here than a window function).
      db.$queryRaw<{ firmId: string; quiz: string }[]>`
        SELECT u."firmId" AS "firmId",
          string_agg(q."moduleSlug" || ':' || q."kind" || ':' || CAST(q."score" AS TEXT), ',' ORDER BY q."createdAt", q."id") AS "quiz"
        FROM "QuizAttempt" q JOIN "User" u ON u."id" = q."userId"
        WHERE ${firmsOf(Prisma.sql`u."firmId"`)}
        GROUP BY u."firmId"`,
      coachingEvidence(ids ? { programmeId, firmIds: ids } : { programmeId }),
    ]);
    for (const row of markRows) marks.set(row.firmId, row.marks);
    for (const row of quizRows) if (row.quiz) quiz.set(row.firmId, row.quiz);
    for (const [firmId, found] of visits) coaching.set(firmId, found);
  }

  for (const firm of firms) {
    const held = heldOf.get(firm.cohortId);
    const attendance = firm.hasOwner && held && held.size > 0 ? countMarks(held, marks.get(firm.id) ?? "") : null;
    const q = quiz.has(firm.id) ? parseAttempts(quiz.get(firm.id)!) : null;
    const c = coaching.get(firm.id);
    out.set(firm.id, {
      attendance,
      quiz: q ? q.modules : null,
      quizAttempts: q?.attempts ?? 0,
      visits: c && c.visits.length > 0 ? c.visits : null,
      recordsMonthsSeen: c && c.visits.length > 0 ? c.recordsMonthsSeen : null,
    });
  }
  return out;
}

function chunks(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out;
}

/**
 * Attendance as attendance/rates.ts counts it: over the held sessions of the firm's cohort (dated
 * today or earlier, roll taken), the firm's best mark per session over all its owners; no mark
 * counts as absent.
 */
function countMarks(held: ReadonlySet<string>, packed: string) {
  const best = new Map<string, number>();
  for (const pair of packed.split(",")) {
    const at = pair.lastIndexOf(":");
    const sessionId = pair.slice(0, at);
    if (at < 0 || !held.has(sessionId)) continue;
    const rank = MARK_RANK[pair.slice(at + 1) as keyof typeof MARK_RANK] ?? 0;
    if (rank > (best.get(sessionId) ?? -1)) best.set(sessionId, rank);
  }
  const counted = { held: held.size, attended: 0, late: 0, excused: 0 };
  for (const rank of best.values()) {
    if (rank === 3) counted.attended += 1;
    else if (rank === 2) counted.late += 1;
    else if (rank === 1) counted.excused += 1;
  }
  return counted;
}

/** First pre-test, first and best post-test per module, from a firm's attempts in the order taken. */
function parseAttempts(text: string): { modules: QuizModuleEvidence[]; attempts: number } {
  const modules = new Map<string, { pre: number | null; firstPost: number | null; bestPost: number | null }>();
  let attempts = 0;
  // Parsed by hand ("module:kind:score,…"): a split per attempt allocated more than it read.
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf(",", from);
    if (to === -1) to = text.length;
    const first = text.indexOf(":", from);
    const second = first === -1 ? -1 : text.indexOf(":", first + 1);
    if (first > from && second > first && second < to) {
      const moduleSlug = text.slice(from, first);
      const kind = text.slice(first + 1, second);
      const score = Number(text.slice(second + 1, to)) / 100;
      attempts += 1;
      let m = modules.get(moduleSlug);
      if (!m) modules.set(moduleSlug, (m = { pre: null, firstPost: null, bestPost: null }));
      if (kind === "pre") m.pre ??= score;
      else if (kind === "post") {
        m.firstPost ??= score;
        m.bestPost = Math.max(m.bestPost ?? 0, score);
      }
    }
    from = to + 1;
  }
  const list = [...modules]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([moduleSlug, m]) => ({ moduleSlug, preTestScore: m.pre, postTestFirstScore: m.firstPost, postTestBestScore: m.bestPost }));
  return { modules: list, attempts };
}
