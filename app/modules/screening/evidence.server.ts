// Gathers the engine's evidence (evidence.ts) for every firm of a programme in a fixed number of
// queries, whatever the number of firms (no query per firm): the enrolled firms, the class
// sessions, attendance and quiz attempts aggregated in SQL to one packed row per firm (a million
// marks or attempts need not cross the driver), and the coaching visits from the coaching
// module's own screening-evidence.server.ts. The counting rules stay those of
// attendance/rates.ts (held sessions, best mark of the firm's owners) and of the learning
// feature (first and best attempts).
// A source that has recorded nothing for a firm leaves that evidence undefined, never zero.
import type { Db } from "~/db/db.server";
import { heldSessions } from "~/modules/attendance/rates";
import { coachingEvidence } from "~/modules/coaching/screening-evidence.server";
import type { FirmEvidence, QuizModuleEvidence } from "./evidence";

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

export interface EvidenceCounts {
  readonly sessionsHeld: number;
  readonly sessionsAttended: number;
  readonly sessionsLate: number;
  readonly sessionsExcused: number;
  readonly quizAttempts: number;
  readonly visits: number;
}

export interface ProgrammeEvidence {
  readonly firms: readonly FirmFacts[];
  readonly evidence: readonly FirmEvidence[];
  readonly counts: ReadonlyMap<string, EvidenceCounts>;
}

export async function programmeEvidence(db: Db, programmeId: string, now = new Date()): Promise<ProgrammeEvidence> {
  const [enrolments, sessions, marked, marks, quiz, coaching] = await Promise.all([
    // Earliest cohort first: a firm enrolled twice in the programme is screened with its first cohort.
    db.$queryRaw<FactRow[]>`
      SELECT f."id" AS "id", f."name" AS "name", f."sector" AS "sector", f."clusterId" AS "clusterId",
        cl."name" AS "clusterName", cl."country" AS "country", c."id" AS "cohortId", c."name" AS "cohortName",
        CASE WHEN EXISTS (SELECT 1 FROM "User" u WHERE u."firmId" = f."id") THEN 1 ELSE 0 END AS "hasOwner"
      FROM "Enrolment" e
        JOIN "Cohort" c ON c."id" = e."cohortId"
        JOIN "Firm" f ON f."id" = e."firmId"
        JOIN "Cluster" cl ON cl."id" = f."clusterId"
      WHERE c."programmeId" = ${programmeId}
      ORDER BY c."startsOn", c."id", f."id"`,
    db.classSession.findMany({ where: { cohort: { programmeId } }, select: { id: true, cohortId: true, date: true } }),
    // Sessions whose roll was taken (any mark): only those count as held (attendance/rates.ts).
    db.$queryRaw<{ sessionId: string }[]>`
      SELECT DISTINCT a."sessionId" AS "sessionId"
      FROM "Attendance" a JOIN "ClassSession" s ON s."id" = a."sessionId" JOIN "Cohort" c ON c."id" = s."cohortId"
      WHERE c."programmeId" = ${programmeId}`,
    // Per firm, its best mark at each session (present 3, late 2, excused 1, absent 0), packed
    // "sessionId:best,…": one row per firm instead of one per mark.
    db.$queryRaw<{ firmId: string; marks: string }[]>`
      SELECT t."firmId" AS "firmId", string_agg(t."sessionId" || ':' || CAST(t."best" AS TEXT), ',') AS "marks"
      FROM (
        SELECT u."firmId" AS "firmId", a."sessionId" AS "sessionId",
          MAX(CASE a."status" WHEN 'present' THEN 3 WHEN 'late' THEN 2 WHEN 'excused' THEN 1 ELSE 0 END) AS "best"
        FROM "Attendance" a
          JOIN "User" u ON u."id" = a."personId"
          JOIN "ClassSession" s ON s."id" = a."sessionId"
          JOIN "Cohort" c ON c."id" = s."cohortId"
        WHERE c."programmeId" = ${programmeId} AND u."firmId" IS NOT NULL
        GROUP BY u."firmId", a."sessionId"
      ) t
      GROUP BY t."firmId"`,
    // Per firm, every quiz attempt in the order taken, packed "module:kind:score,…" (one row per
    // firm; an ordered aggregate is several times faster here than a window function).
    db.$queryRaw<{ firmId: string; quiz: string }[]>`
      SELECT u."firmId" AS "firmId",
        string_agg(q."moduleSlug" || ':' || q."kind" || ':' || CAST(q."score" AS TEXT), ',' ORDER BY q."createdAt", q."id") AS "quiz"
      FROM "QuizAttempt" q JOIN "User" u ON u."id" = q."userId"
      WHERE u."firmId" IN (SELECT e."firmId" FROM "Enrolment" e JOIN "Cohort" c ON c."id" = e."cohortId" WHERE c."programmeId" = ${programmeId})
      GROUP BY u."firmId"`,
    coachingEvidence({ programmeId }),
  ]);

  const facts = new Map<string, FirmFacts & { hasOwner: boolean }>();
  for (const e of enrolments) {
    if (facts.has(e.id)) continue;
    facts.set(e.id, {
      id: e.id,
      name: e.name,
      cohortId: e.cohortId,
      cohortName: e.cohortName,
      clusterId: e.clusterId,
      clusterName: e.clusterName,
      country: e.country,
      sector: e.sector,
      hasOwner: Number(e.hasOwner) === 1,
    });
  }

  const attendance = attendanceByFirm(facts, sessions, new Set(marked.map((m) => m.sessionId)), marks, now);
  const quizzes = quizByFirm(facts, quiz);

  const firms: FirmFacts[] = [];
  const evidence: FirmEvidence[] = [];
  const counts = new Map<string, EvidenceCounts>();
  for (const { hasOwner: _, ...firm } of facts.values()) {
    firms.push(firm);
    const a = attendance.get(firm.id);
    const q = quizzes.get(firm.id);
    const found = coaching.get(firm.id);
    const c = found && found.visits.length > 0 ? found : undefined;
    evidence.push({
      id: firm.id,
      cohortId: firm.cohortId,
      country: firm.country,
      sector: firm.sector,
      attendance: a && a.held > 0 ? a : undefined,
      quiz: q ? q.modules : undefined,
      visits: c ? c.visits : undefined,
      recordsMonthsSeen: c?.recordsMonthsSeen ?? undefined,
    });
    counts.set(firm.id, {
      sessionsHeld: a?.held ?? 0,
      sessionsAttended: a?.attended ?? 0,
      sessionsLate: a?.late ?? 0,
      sessionsExcused: a?.excused ?? 0,
      quizAttempts: q?.attempts ?? 0,
      visits: c?.visits.length ?? 0,
    });
  }
  return { firms, evidence, counts };
}

type FactRow = {
  id: string;
  name: string;
  sector: string;
  clusterId: string;
  clusterName: string;
  country: string;
  cohortId: string;
  cohortName: string;
  hasOwner: number | bigint;
};

/**
 * Attendance as attendance/rates.ts counts it: over the held sessions of the firm's cohort (dated
 * today or earlier, roll taken), the firm's best mark per session; no mark counts as absent. A
 * firm with no owner account has no one on the roll, so no attendance evidence.
 */
function attendanceByFirm(
  facts: ReadonlyMap<string, FirmFacts & { hasOwner: boolean }>,
  sessions: readonly { id: string; cohortId: string; date: Date }[],
  marked: ReadonlySet<string>,
  marks: readonly { firmId: string; marks: string }[],
  now: Date,
) {
  const sessionsOf = new Map<string, { id: string; date: Date }[]>();
  for (const s of sessions) {
    const list = sessionsOf.get(s.cohortId);
    if (list) list.push(s);
    else sessionsOf.set(s.cohortId, [s]);
  }
  const markedList = [...marked].map((sessionId) => ({ sessionId }));
  const heldOf = new Map<string, Set<string>>();
  for (const [cohortId, list] of sessionsOf) heldOf.set(cohortId, new Set(heldSessions(list, markedList, now).map((s) => s.id)));
  const marksOf = new Map(marks.map((m) => [m.firmId, m.marks]));
  const out = new Map<string, { held: number; attended: number; late: number; excused: number }>();
  for (const firm of facts.values()) {
    const held = heldOf.get(firm.cohortId);
    if (!firm.hasOwner || !held || held.size === 0) continue;
    const counted = { held: held.size, attended: 0, late: 0, excused: 0 };
    for (const pair of (marksOf.get(firm.id) ?? "").split(",")) {
      const at = pair.lastIndexOf(":");
      if (at < 0 || !held.has(pair.slice(0, at))) continue;
      const best = pair.slice(at + 1);
      if (best === "3") counted.attended += 1;
      else if (best === "2") counted.late += 1;
      else if (best === "1") counted.excused += 1;
    }
    out.set(firm.id, counted);
  }
  return out;
}

/** First pre-test, first and best post-test per module, from a firm's attempts in the order taken. */
function quizByFirm(facts: ReadonlyMap<string, FirmFacts>, rows: readonly { firmId: string; quiz: string }[]) {
  const out = new Map<string, { modules: QuizModuleEvidence[]; attempts: number }>();
  for (const row of rows) {
    if (!facts.has(row.firmId) || !row.quiz) continue;
    const modules = new Map<string, { pre: number | null; firstPost: number | null; bestPost: number | null }>();
    let attempts = 0;
    for (const part of row.quiz.split(",")) {
      const [moduleSlug, kind, text] = part.split(":");
      if (!moduleSlug || !kind) continue;
      attempts += 1;
      const score = Number(text) / 100;
      const m = modules.get(moduleSlug) ?? { pre: null, firstPost: null, bestPost: null };
      modules.set(moduleSlug, m);
      if (kind === "pre") m.pre ??= score;
      else if (kind === "post") {
        m.firstPost ??= score;
        m.bestPost = Math.max(m.bestPost ?? 0, score);
      }
    }
    const list = [...modules]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([moduleSlug, m]) => ({ moduleSlug, preTestScore: m.pre, postTestFirstScore: m.firstPost, postTestBestScore: m.bestPost }));
    out.set(row.firmId, { modules: list, attempts });
  }
  return out;
}
