import { randomUUID } from "node:crypto";
import { databaseProvider, db } from "~/db/db.server";
import type { AttendanceSource, AttendanceStatus } from "./rates";
import { evidenceChanged } from "~/modules/roster/evidence-version.server";

export type RosterPerson = { id: string; name: string; firmId: string; firmName: string };

/** The people a cohort's roll lists: the owners of every enrolled firm, by firm then name. */
export async function cohortRoster(cohortId: string): Promise<RosterPerson[]> {
  const people = await db.user.findMany({
    where: { firm: { enrolments: { some: { cohortId } } } },
    select: { id: true, name: true, firmId: true, firm: { select: { name: true } } },
  });
  return people
    .map((p) => ({ id: p.id, name: p.name, firmId: p.firmId!, firmName: p.firm!.name }))
    .sort((a, b) => a.firmName.localeCompare(b.firmName) || a.name.localeCompare(b.name));
}

export type CurrentMark = { personId: string; status: AttendanceStatus; recordedAt: Date; recordedByName: string; source: string; corrected: { status: string; recordedByName: string; recordedAt: Date }[] };

/** The marks of a session, each with who recorded it when, and the earlier values it replaced. */
export async function sessionMarks(sessionId: string): Promise<Map<string, CurrentMark>> {
  const rows = await db.attendance.findMany({
    where: { sessionId },
    select: {
      personId: true,
      status: true,
      recordedAt: true,
      source: true,
      recordedBy: { select: { name: true } },
      changes: {
        where: { previousStatus: { not: null } },
        select: { previousStatus: true, status: true, recordedAt: true, recordedBy: { select: { name: true } } },
        orderBy: { recordedAt: "asc" },
      },
    },
  });
  return new Map(
    rows.map((r) => [
      r.personId,
      {
        personId: r.personId,
        status: r.status as AttendanceStatus,
        recordedAt: r.recordedAt,
        recordedByName: r.recordedBy.name,
        source: r.source,
        corrected: r.changes
          .filter((c) => c.previousStatus !== c.status)
          .map((c) => ({ status: c.previousStatus!, recordedByName: c.recordedBy.name, recordedAt: c.recordedAt })),
      },
    ]),
  );
}

export type SaveInput = {
  sessionId: string;
  cohortId: string;
  recordedById: string;
  /** The id the browser made for this submission; a replay carries the same one. */
  clientId: string;
  source: AttendanceSource;
  marks: { personId: string; status: AttendanceStatus }[];
  /** When the marks were taken (paper sheets are entered later); defaults to now. */
  recordedAt?: Date;
};

export type SaveOutcome = { ok: true; changed: number; alreadyThere: number } | { ok: false; problem: "notEnrolled"; personIds: string[]; names: string[] };

/**
 * Saves a whole roll-call at once, idempotently. Each mark's key is "<clientId>:<personId>";
 * a key already in the change log was applied before and is skipped, so replaying a submission
 * changes nothing. Otherwise the mark becomes the person's current one (the last mark to arrive
 * wins) and the change log keeps it with the value it replaced. A mark for anyone not on the
 * cohort's roster rejects the whole submission before anything is written.
 */
export async function saveRollCall(input: SaveInput): Promise<SaveOutcome> {
  const personIds = [...new Set(input.marks.map((m) => m.personId))];
  const enrolled = await db.user.findMany({
    where: { id: { in: personIds }, firm: { enrolments: { some: { cohortId: input.cohortId } } } },
    select: { id: true },
  });
  const known = new Set(enrolled.map((p) => p.id));
  const strangers = personIds.filter((id) => !known.has(id));
  if (strangers.length > 0) {
    // Name the people when they exist at all, so the trainer knows whom the problem is about.
    const named = await db.user.findMany({ where: { id: { in: strangers } }, select: { id: true, name: true } });
    const nameOf = new Map(named.map((p) => [p.id, p.name]));
    return { ok: false, problem: "notEnrolled", personIds: strangers, names: strangers.map((id) => nameOf.get(id) ?? id) };
  }

  // One mark per person: the last one given in the form wins.
  const byPerson = new Map(input.marks.map((m) => [m.personId, m.status]));
  try {
    return await write(input, byPerson);
  } catch (error) {
    // Two saves of the same new marks at the same moment: the loser finds the winner's rows and goes
    // again. Likewise when PostgreSQL broke a deadlock between two classes of one cohort (both raise
    // the same firms' evidence versions) by cancelling this one.
    const code = (error as { code?: string }).code;
    if (code === "P2002" || code === "P2034") return write(input, byPerson);
    throw error;
  }
}

async function write(input: SaveInput, byPerson: Map<string, AttendanceStatus>): Promise<SaveOutcome> {
  const recordedAt = input.recordedAt ?? new Date();
  const keyOf = (personId: string) => `${input.clientId}:${personId}`;
  return db.$transaction(async (tx) => {
    // On PostgreSQL two saves of one session would otherwise both read the marks before either
    // wrote (read committed), and the later one would log a stale "before" or skip a change it
    // thought was already there. Locking the session's row makes them take turns, so each reads
    // what the previous one committed: the last to arrive wins and the log agrees with the mark.
    // SQLite runs one writing transaction at a time already.
    if (databaseProvider === "postgres") await tx.$queryRawUnsafe('SELECT 1 FROM "ClassSession" WHERE "id" = $1 FOR UPDATE', input.sessionId);
    const seen = await tx.attendanceChange.findMany({ where: { clientId: { in: [...byPerson.keys()].map(keyOf) } }, select: { clientId: true } });
    const applied = new Set(seen.map((c) => c.clientId));
    const existing = await tx.attendance.findMany({
      where: { sessionId: input.sessionId, personId: { in: [...byPerson.keys()] } },
      select: { id: true, personId: true, status: true },
    });
    const current = new Map(existing.map((a) => [a.personId, a]));
    const creates: { id: string; sessionId: string; personId: string; status: string; recordedById: string; recordedAt: Date; source: string; clientId: string }[] = [];
    const changes: { attendanceId: string; status: string; previousStatus: string | null; recordedById: string; recordedAt: Date; source: string; clientId: string }[] = [];
    let changed = 0;
    let alreadyThere = 0;
    for (const [personId, status] of byPerson) {
      const clientId = keyOf(personId);
      if (applied.has(clientId)) {
        alreadyThere += 1;
        continue;
      }
      const before = current.get(personId);
      const mark = { status, recordedById: input.recordedById, recordedAt, source: input.source };
      if (!before) {
        const id = randomUUID();
        creates.push({ id, sessionId: input.sessionId, personId, clientId, ...mark });
        changes.push({ attendanceId: id, previousStatus: null, clientId, ...mark });
        changed += 1;
      } else {
        // The same value again is logged (so a later replay of it is known) but does not take over "who recorded it".
        changes.push({ attendanceId: before.id, previousStatus: before.status, clientId, ...mark });
        if (before.status !== status) {
          await tx.attendance.update({ where: { id: before.id }, data: { ...mark, clientId } });
          changed += 1;
        }
      }
    }
    if (creates.length > 0) await tx.attendance.createMany({ data: creates });
    if (changes.length > 0) await tx.attendanceChange.createMany({ data: changes });
    if (changed > 0) await evidenceChanged(tx, { sessionId: input.sessionId });
    return { ok: true as const, changed, alreadyThere };
    // A save may wait its turn behind another save of the same class (above), or for a free
    // connection when many classes are saved at once: it waits rather than failing.
  }, { maxWait: 10_000, timeout: 20_000 });
}
