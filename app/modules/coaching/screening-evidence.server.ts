import { db } from "~/db/db.server";
import { rawDate } from "~/db/raw-values";
import { Prisma } from "~/generated/sqlite/client";
import type { ActionOutcome, ChecklistItemScore, CoachingVisitEvidence } from "~/modules/screening/evidence";
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
 * 10,000 firms with 5 visits of 20 items each do not cross the driver as a million rows. Never one
 * query per firm. Firms without visits get empty evidence, which the engine treats as missing.
 * Rows come unsorted (a sort of 50,000 rows in SQL cost more than sorting each firm's few in JS).
 */
export async function coachingEvidence(scope: { programmeId?: string; firmIds?: readonly string[] }): Promise<Map<string, FirmCoachingEvidence>> {
  const result = new Map<string, FirmCoachingEvidence>();
  const chunks: (string[] | null)[] = [];
  if (scope.firmIds) {
    for (const id of scope.firmIds) result.set(id, EMPTY);
    for (let i = 0; i < scope.firmIds.length; i += CHUNK) chunks.push(scope.firmIds.slice(i, i + CHUNK));
  } else chunks.push(null);
  for (const firmIds of chunks) {
    // A withdrawn visit leaves the evidence (coaching/visit-corrections.server.ts).
    const conditions = [
      Prisma.sql`v."withdrawnAt" IS NULL`,
      ...(scope.programmeId ? [Prisma.sql`v."programmeId" = ${scope.programmeId}`] : []),
      ...(firmIds ? [firmIds.length ? Prisma.sql`v."firmId" IN (${Prisma.join(firmIds)})` : Prisma.sql`1 = 0`] : []),
    ];
    const where = Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
    const rows = await db.$queryRaw<RawVisit[]>`
      SELECT v."firmId" AS "firmId", v."date" AS "date", v."createdAt" AS "createdAt", v."recordsMonthsSeen" AS "recordsMonthsSeen",
        v."checklistPacked" AS "scores",
        (SELECT string_agg(COALESCE(a."outcome", 'open'), ',') FROM "ActionItem" a WHERE a."visitId" = v."id") AS "outcomes"
      FROM "CoachingVisit" v ${where}`;
    const byFirm = new Map<string, VisitRow[]>();
    for (const row of rows) {
      const visit = unpack(row);
      const list = byFirm.get(row.firmId);
      if (list) list.push(visit);
      else byFirm.set(row.firmId, [visit]);
    }
    for (const [firmId, visits] of byFirm) result.set(firmId, summarise(visits.sort(byDateThenEntry)));
  }
  return result;
}

type RawVisit = {
  firmId: string;
  date: RawDate;
  createdAt: RawDate;
  recordsMonthsSeen: number | bigint | null;
  scores: string | null;
  outcomes: string | null;
};
type RawDate = Date | number | bigint | string;

const OUTCOMES: Record<string, ActionOutcome | null> = { done: "done", partly: "partly", not_done: "not_done", open: null };
const ACTION_OF: Record<string, { outcome: ActionOutcome | null }> = Object.fromEntries(
  Object.entries(OUTCOMES).map(([text, outcome]) => [text, Object.freeze({ outcome })]),
);

/**
 * Checklist scores are a handful of distinct values (20 items, each 0 to 2), so each "key:value"
 * pair is parsed once and the same frozen object shared by every visit that scored it: a
 * programme's million scores then allocate nothing but their arrays.
 */
const SCORE_OF = new Map<string, ChecklistItemScore | null>();
function scoreOf(pair: string): ChecklistItemScore | null {
  let score = SCORE_OF.get(pair);
  if (score !== undefined) return score;
  const colon = pair.lastIndexOf(":");
  const item = checklistItem(pair.slice(0, colon));
  const value = Number(pair.slice(colon + 1));
  score = item && colon > 0 && Number.isFinite(value) ? Object.freeze({ itemKey: item.key, value, max: item.max }) : null;
  // Only values a coach can enter are kept (0 to max in whole points); anything else is parsed each time.
  if (score === null || (Number.isInteger(value) && value >= 0 && value <= score.max)) SCORE_OF.set(pair, score);
  return score;
}

/** One visit row as the engine reads it (plain loops: this runs a million times for 10,000 firms). */
function unpack(row: RawVisit): VisitRow {
  const checklist: ChecklistItemScore[] = [];
  const packed = row.scores ?? "";
  let from = 0;
  while (from < packed.length) {
    let to = packed.indexOf(",", from);
    if (to === -1) to = packed.length;
    const score = scoreOf(packed.slice(from, to));
    if (score) checklist.push(score);
    from = to + 1;
  }
  const actions: { outcome: ActionOutcome | null }[] = [];
  if (row.outcomes) for (const outcome of row.outcomes.split(",")) if (outcome in ACTION_OF) actions.push(ACTION_OF[outcome]!);
  const date = rawDate(row.date);
  return {
    date: isoDate(date),
    time: date.getTime(),
    entered: rawDate(row.createdAt).getTime(),
    recordsMonthsSeen: row.recordsMonthsSeen === null ? null : Number(row.recordsMonthsSeen),
    checklist,
    actions,
  };
}

type VisitRow = CoachingVisitEvidence & { time: number; entered: number; recordsMonthsSeen: number | null };

function byDateThenEntry(a: VisitRow, b: VisitRow): number {
  return a.time - b.time || a.entered - b.entered;
}

/** A firm's visits, in date order, as the engine and the pages read them. */
function summarise(rows: readonly VisitRow[]): FirmCoachingEvidence {
  const visits: CoachingVisitEvidence[] = rows.map((row) => ({ date: row.date, checklist: row.checklist, actions: row.actions }));
  const trend = practiceTrend(rows.map((row) => ({ date: row.date, observations: row.checklist })));
  let recordsMonthsSeen: number | null = null;
  const outcomes: (ActionOutcome | null)[] = [];
  for (const row of rows) {
    if (row.recordsMonthsSeen !== null) recordsMonthsSeen = row.recordsMonthsSeen;
    for (const action of row.actions) outcomes.push(action.outcome ?? null);
  }
  return {
    visits,
    recordsMonthsSeen,
    summary: { latest: trend.latest, baseline: trend.baseline, change: trend.change, followThrough: followThroughRate(outcomes), visits: trend.visits },
  };
}
