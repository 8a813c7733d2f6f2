// The screening's evidence for every firm of a programme, kept between screenings. Gathering it
// from the records means reading every mark, attempt and visit (half a million rows for 10,000
// firms); most of it has not changed since the last screening. So each firm's gathered evidence
// is stored (ScreeningEvidence) and read back with the firms' facts in one query, and only firms
// whose records changed are gathered again. A stored row counts while:
//   - its firmVersion is the firm's evidenceVersion (raised by every write behind the evidence,
//     roster/evidence-version.server.ts; the version is read before the records, so a write that
//     lands during a gathering leaves the row behind and it is gathered again next time),
//   - its format is the codec's current one (the encoding or the checklist changed), and
//   - no session of the firm's cohort has become held since the day it was gathered (a session
//     counts as held from its date once its roll is taken, so time alone can change attendance).
// docs/decisions/0011-screening-evidence-store.md explains the choice.
import type { Db } from "~/db/db.server";
import { Prisma } from "~/generated/sqlite/client";
import { errorFields, log } from "~/log.server";
import type { FirmEvidence } from "./evidence";
import { decodeEvidence, encodeEvidence, EVIDENCE_FORMAT, type GatheredEvidence } from "./evidence-codec";
import { type FirmFacts, type FirmToGather, gatherEvidence } from "./evidence.server";

export type { FirmFacts } from "./evidence.server";

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
  /** How many firms were gathered from their records this time (the rest came from the store). */
  readonly gathered: number;
}

/**
 * Every enrolled firm's evidence, from the store where it is still current and from the records
 * where not (then stored). `now` fixes which sessions count as held.
 */
export async function programmeEvidence(db: Db, programmeId: string, now = new Date()): Promise<ProgrammeEvidence> {
  const firms = await enrolledFirms(db, programmeId);
  const today = isoDay(now);
  const newlyHeld = await sessionsHeldSince(db, programmeId, firms, today);
  const evidence = new Map<string, GatheredEvidence>();
  const stale: EnrolledFirm[] = [];
  for (const firm of firms) {
    const stored = firm.stored;
    const current =
      stored !== null &&
      stored.version === firm.version &&
      stored.format === EVIDENCE_FORMAT &&
      stored.computedOn <= today &&
      (newlyHeld.get(firm.cohortId) ?? "") <= stored.computedOn;
    const decoded = current ? decodeEvidence(stored.data) : null;
    if (decoded) evidence.set(firm.id, decoded);
    else stale.push(firm);
  }
  if (stale.length > 0) {
    const gathered = await gatherEvidence(db, programmeId, stale, { whole: stale.length > firms.length / 4, now });
    for (const [firmId, found] of gathered) evidence.set(firmId, found);
    await store(db, programmeId, stale, gathered, today);
  }
  return compose(firms, evidence, stale.length);
}

/**
 * The same evidence gathered from the records alone, without reading or writing the store: what
 * the store must always agree with (the integration tests compare the two).
 */
export async function gatheredProgrammeEvidence(db: Db, programmeId: string, now = new Date()): Promise<ProgrammeEvidence> {
  const firms = await enrolledFirms(db, programmeId);
  return compose(firms, await gatherEvidence(db, programmeId, firms, { whole: true, now }), firms.length);
}

type EnrolledFirm = FirmFacts &
  FirmToGather & {
    readonly version: number;
    readonly stored: { version: number; format: string; computedOn: string; data: string } | null;
  };

type EnrolledRow = {
  id: string;
  name: string;
  sector: string;
  clusterId: string;
  clusterName: string;
  country: string;
  cohortId: string;
  cohortName: string;
  hasOwner: number | bigint;
  version: number | bigint;
  storedVersion: number | bigint | null;
  format: string | null;
  computedOn: string | null;
  data: string | null;
};

/** The programme's firms with their facts, evidence versions and stored evidence, in one query. */
async function enrolledFirms(db: Db, programmeId: string): Promise<EnrolledFirm[]> {
  // Earliest cohort first: a firm enrolled twice in the programme is screened with its first cohort.
  const rows = await db.$queryRaw<EnrolledRow[]>`
    SELECT f."id" AS "id", f."name" AS "name", f."sector" AS "sector", f."clusterId" AS "clusterId",
      cl."name" AS "clusterName", cl."country" AS "country", c."id" AS "cohortId", c."name" AS "cohortName",
      CASE WHEN EXISTS (SELECT 1 FROM "User" u WHERE u."firmId" = f."id") THEN 1 ELSE 0 END AS "hasOwner",
      f."evidenceVersion" AS "version",
      se."firmVersion" AS "storedVersion", se."format" AS "format", se."computedOn" AS "computedOn", se."data" AS "data"
    FROM "Enrolment" e
      JOIN "Cohort" c ON c."id" = e."cohortId"
      JOIN "Firm" f ON f."id" = e."firmId"
      JOIN "Cluster" cl ON cl."id" = f."clusterId"
      LEFT JOIN "ScreeningEvidence" se ON se."programmeId" = c."programmeId" AND se."firmId" = f."id"
    WHERE c."programmeId" = ${programmeId}
    ORDER BY c."startsOn", c."id", f."id"`;
  const seen = new Set<string>();
  const firms: EnrolledFirm[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    firms.push({
      id: r.id,
      name: r.name,
      cohortId: r.cohortId,
      cohortName: r.cohortName,
      clusterId: r.clusterId,
      clusterName: r.clusterName,
      country: r.country,
      sector: r.sector,
      hasOwner: Number(r.hasOwner) === 1,
      version: Number(r.version),
      stored:
        r.data !== null && r.storedVersion !== null
          ? { version: Number(r.storedVersion), format: r.format ?? "", computedOn: r.computedOn ?? "", data: r.data }
          : null,
    });
  }
  return firms;
}

/**
 * Per cohort, the latest day on which a session became held after the oldest stored day and by
 * today (a session with its roll taken, dated in between). Rows stored before it are out of date.
 */
async function sessionsHeldSince(db: Db, programmeId: string, firms: readonly EnrolledFirm[], today: string): Promise<Map<string, string>> {
  let oldest: string | null = null;
  for (const firm of firms) {
    const day = firm.stored?.computedOn;
    if (day && day < today && (oldest === null || day < oldest)) oldest = day;
  }
  const latest = new Map<string, string>();
  if (oldest === null) return latest;
  const sessions = await db.classSession.findMany({
    where: {
      cohort: { programmeId },
      date: { gte: nextDay(oldest), lt: nextDay(today) },
      attendances: { some: {} },
      cancelledAt: null,
    },
    select: { cohortId: true, date: true },
  });
  for (const s of sessions) {
    const day = isoDay(s.date);
    if (day > (latest.get(s.cohortId) ?? "")) latest.set(s.cohortId, day);
  }
  return latest;
}

/**
 * Replaces the stored rows of the gathered firms. The store is a cache: if writing it fails (two
 * screenings storing the same firms at once), the screening goes on with what it gathered.
 */
async function store(db: Db, programmeId: string, firms: readonly EnrolledFirm[], gathered: ReadonlyMap<string, GatheredEvidence>, today: string) {
  const rows = firms.map((firm) => ({
    programmeId,
    firmId: firm.id,
    firmVersion: firm.version,
    format: EVIDENCE_FORMAT,
    computedOn: today,
    data: encodeEvidence(gathered.get(firm.id)!),
  }));
  try {
    await db.$transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        await tx.screeningEvidence.deleteMany({ where: { programmeId, firmId: { in: chunk.map((r) => r.firmId) } } });
        // One multi-row INSERT: Prisma's createMany took a millisecond a row here.
        await tx.$executeRaw`
          INSERT INTO "ScreeningEvidence" ("programmeId", "firmId", "firmVersion", "format", "computedOn", "data")
          VALUES ${Prisma.join(chunk.map((r) => Prisma.sql`(${r.programmeId}, ${r.firmId}, ${r.firmVersion}, ${r.format}, ${r.computedOn}, ${r.data})`))}`;
      }
    });
  } catch (error) {
    log.warn("screening evidence not stored", { programmeId, firms: rows.length, ...errorFields(error) });
  }
}

function compose(firms: readonly EnrolledFirm[], evidence: ReadonlyMap<string, GatheredEvidence>, gathered: number): ProgrammeEvidence {
  const facts: FirmFacts[] = [];
  const list: FirmEvidence[] = [];
  const counts = new Map<string, EvidenceCounts>();
  for (const firm of firms) {
    const { id, name, cohortId, cohortName, clusterId, clusterName, country, sector } = firm;
    facts.push({ id, name, cohortId, cohortName, clusterId, clusterName, country, sector });
    const e = evidence.get(id);
    const a = e?.attendance ?? null;
    list.push({
      id,
      cohortId,
      country,
      sector,
      attendance: a ?? undefined,
      quiz: e?.quiz ?? undefined,
      visits: e?.visits ?? undefined,
      recordsMonthsSeen: e?.recordsMonthsSeen ?? undefined,
    });
    counts.set(id, {
      sessionsHeld: a?.held ?? 0,
      sessionsAttended: a?.attended ?? 0,
      sessionsLate: a?.late ?? 0,
      sessionsExcused: a?.excused ?? 0,
      quizAttempts: e?.quizAttempts ?? 0,
      visits: e?.visits?.length ?? 0,
    });
  }
  return { firms: facts, evidence: list, counts, gathered };
}

/** The UTC day, as attendance/rates.ts counts held sessions. */
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function nextDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
}
