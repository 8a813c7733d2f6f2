import { db } from "~/db/db.server";
import { Prisma } from "~/generated/sqlite/client";
import type { ActionOutcome, CoachingVisitEvidence } from "~/modules/screening/evidence";
import { checklistItem } from "./checklist";
import { followThroughRate, practiceTrend } from "./scoring";
import { isoDate } from "./visit-form";

/** What coaching tells the screening about one firm: the engine's evidence, and plain figures. */
export type FirmCoachingEvidence = {
  /** In date order; the first is the baseline. Feed to FirmEvidence.visits. */
  visits: CoachingVisitEvidence[];
  /** Months of sales and cost records the coach saw at the latest visit that looked. Feed to FirmEvidence.recordsMonthsSeen. */
  recordsMonthsSeen: number | null;
  /** The same evidence as figures (0-1 shares), for pages and exports. */
  summary: { latest: number | null; baseline: number | null; change: number | null; followThrough: number | null; visits: number };
};

const EMPTY: FirmCoachingEvidence = { visits: [], recordsMonthsSeen: null, summary: { latest: null, baseline: null, change: null, followThrough: null, visits: 0 } };
const CHUNK = 500;

/**
 * Coaching evidence for many firms at once: a programme's firms, or a list of firms. One query per
 * 500 firms whatever the number of visits: each visit comes back as one row with its checklist
 * packed into a string (CoachingVisit.checklistPacked) and its actions' outcomes in another, so
 * 10,000 firms with 5 visits of 20 items each do not cross the driver as a million rows. Never one query per firm. Firms without
 * visits get empty evidence, which the engine treats as missing.
 */
export async function coachingEvidence(scope: { programmeId?: string; firmIds?: readonly string[] }): Promise<Map<string, FirmCoachingEvidence>> {
  const result = new Map<string, FirmCoachingEvidence>();
  const chunks: (string[] | null)[] = [];
  if (scope.firmIds) {
    for (const id of scope.firmIds) result.set(id, EMPTY);
    for (let i = 0; i < scope.firmIds.length; i += CHUNK) chunks.push(scope.firmIds.slice(i, i + CHUNK));
  } else chunks.push(null);
  for (const firmIds of chunks) {
    const conditions = [
      ...(scope.programmeId ? [Prisma.sql`v."programmeId" = ${scope.programmeId}`] : []),
      ...(firmIds ? [firmIds.length ? Prisma.sql`v."firmId" IN (${Prisma.join(firmIds)})` : Prisma.sql`1 = 0`] : []),
    ];
    const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
    const rows = await db.$queryRaw<RawVisit[]>`
      SELECT v."firmId" AS "firmId", v."date" AS "date", v."recordsMonthsSeen" AS "recordsMonthsSeen",
        v."checklistPacked" AS "scores",
        (SELECT string_agg(COALESCE(a."outcome", 'open'), ',') FROM "ActionItem" a WHERE a."visitId" = v."id") AS "outcomes"
      FROM "CoachingVisit" v ${where}
      ORDER BY v."firmId", v."date", v."createdAt"`;
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      if (i === rows.length || rows[i]!.firmId !== rows[start]!.firmId) {
        result.set(rows[start]!.firmId, summarise(rows.slice(start, i).map(unpack)));
        start = i;
      }
    }
  }
  return result;
}

type RawVisit = { firmId: string; date: Date | number | bigint | string; recordsMonthsSeen: number | bigint | null; scores: string | null; outcomes: string | null };

const OUTCOMES: Record<string, ActionOutcome | null> = { done: "done", partly: "partly", not_done: "not_done", open: null };

/** One visit row as the engine reads it; plain loops, since this runs a million times for 10,000 firms. */
function unpack(row: RawVisit): VisitRow {
  const checklist: { itemKey: string; value: number; max: number }[] = [];
  const packed = row.scores ?? "";
  let from = 0;
  while (from < packed.length) {
    let to = packed.indexOf(",", from);
    if (to === -1) to = packed.length;
    const colon = packed.lastIndexOf(":", to);
    const itemKey = packed.slice(from, colon);
    const item = checklistItem(itemKey);
    if (item) checklist.push({ itemKey, value: +packed.slice(colon + 1, to), max: item.max });
    from = to + 1;
  }
  const actions: { outcome: ActionOutcome | null }[] = [];
  if (row.outcomes) for (const outcome of row.outcomes.split(",")) if (outcome in OUTCOMES) actions.push({ outcome: OUTCOMES[outcome]! });
  return {
    // SQLite may hand raw dates back as epoch milliseconds, PostgreSQL as Date.
    date: row.date instanceof Date ? row.date : new Date(typeof row.date === "string" && !/^\d+$/.test(row.date) ? row.date : Number(row.date)),
    recordsMonthsSeen: row.recordsMonthsSeen === null ? null : Number(row.recordsMonthsSeen),
    checklist,
    actions,
  };
}

type VisitRow = { date: Date; recordsMonthsSeen: number | null; checklist: { itemKey: string; value: number; max: number }[]; actions: { outcome: ActionOutcome | null }[] };

function summarise(rows: readonly VisitRow[]): FirmCoachingEvidence {
  const visits: CoachingVisitEvidence[] = rows.map((row) => ({ date: isoDate(row.date), checklist: row.checklist, actions: row.actions }));
  const trend = practiceTrend(rows.map((row) => ({ date: row.date, observations: row.checklist })));
  let recordsMonthsSeen: number | null = null;
  const outcomes: (ActionOutcome | null)[] = [];
  for (const row of rows) {
    if (row.recordsMonthsSeen !== null) recordsMonthsSeen = row.recordsMonthsSeen;
    for (const action of row.actions) outcomes.push(action.outcome);
  }
  return {
    visits,
    recordsMonthsSeen,
    summary: { latest: trend.latest, baseline: trend.baseline, change: trend.change, followThrough: followThroughRate(outcomes), visits: trend.visits },
  };
}
