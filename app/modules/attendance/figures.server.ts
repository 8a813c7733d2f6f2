import { db } from "~/db/db.server";
import { type AttendanceStatus, cohortRates, isBelowThreshold, type Rate } from "./rates";
import { cohortRoster } from "./roll-call.server";

/** A cohort's attendance figures: per firm (flagged below the threshold), per owner, per session, overall. */
export async function cohortFigures(cohortId: string, threshold: number, now = new Date()) {
  const [sessions, marks, roster] = await Promise.all([
    // A cancelled session leaves every denominator.
    db.classSession.findMany({ where: { cohortId, cancelledAt: null }, select: { id: true, date: true, startTime: true } }),
    db.attendance.findMany({ where: { session: { cohortId, cancelledAt: null } }, select: { sessionId: true, personId: true, status: true } }),
    cohortRoster(cohortId),
  ]);
  const rates = cohortRates({
    sessions,
    marks: marks.map((m) => ({ ...m, status: m.status as AttendanceStatus })),
    people: roster,
    now,
  });
  const firms = new Map<string, { id: string; name: string; owners: { id: string; name: string; rate: Rate }[] }>();
  for (const person of roster) {
    const firm = firms.get(person.firmId) ?? { id: person.firmId, name: person.firmName, owners: [] };
    firm.owners.push({ id: person.id, name: person.name, rate: rates.perPerson.get(person.id)! });
    firms.set(person.firmId, firm);
  }
  const firmRows = [...firms.values()]
    .map((f) => {
      const rate = rates.perFirm.get(f.id)!;
      return { ...f, rate, flagged: isBelowThreshold(rate, threshold) };
    })
    // Those to call first at the top: lowest rate first, firms without a figure last.
    .sort((a, b) => (a.rate.rate ?? 2) - (b.rate.rate ?? 2) || a.name.localeCompare(b.name));
  const series = rates.held.map((s) => ({ sessionId: s.id, date: s.date, rate: rates.perSession.get(s.id)!.rate }));
  return { cohort: rates.cohort, firms: firmRows, series, heldCount: rates.held.length, perSession: Object.fromEntries(rates.perSession) as Record<string, Rate> };
}

/** An owner's own record in each cohort their firm is enrolled in. */
export async function ownRecord(userId: string, now = new Date()) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { firmId: true } });
  if (!user?.firmId) return [];
  const enrolments = await db.enrolment.findMany({
    where: { firmId: user.firmId },
    select: { cohort: { select: { id: true, name: true, programme: { select: { attendanceThreshold: true } } } } },
  });
  // Every cohort's sessions in one query, not one per cohort.
  const allSessions = await db.classSession.findMany({
    where: { cohortId: { in: enrolments.map((e) => e.cohort.id) } },
    select: { id: true, cohortId: true, date: true, startTime: true, venue: true, cancelledAt: true, attendances: { where: { personId: userId }, select: { status: true } }, _count: { select: { attendances: true } } },
    orderBy: [{ date: "asc" }, { startTime: "asc" }],
  });
  const out = [];
  for (const { cohort } of enrolments) {
    const listed = allSessions.filter((s) => s.cohortId === cohort.id);
    // Cancelled sessions stay in the owner's list, said to be cancelled, and count for nothing.
    const sessions = listed.filter((s) => s.cancelledAt === null);
    const marks = sessions.flatMap((s) => [
      ...s.attendances.map((a) => ({ sessionId: s.id, personId: userId, status: a.status as AttendanceStatus })),
      // The roll was taken for others: the session counts as held.
      ...(s._count.attendances > 0 && s.attendances.length === 0 ? [{ sessionId: s.id, personId: "someone else", status: "present" as const }] : []),
    ]);
    const rates = cohortRates({ sessions, marks, people: [{ id: userId, firmId: user.firmId }], now });
    const heldIds = new Set(rates.held.map((s) => s.id));
    out.push({
      cohortId: cohort.id,
      cohortName: cohort.name,
      threshold: cohort.programme.attendanceThreshold,
      rate: rates.perPerson.get(userId)!,
      sessions: listed.map((s) => ({
        id: s.id,
        date: s.date,
        startTime: s.startTime,
        venue: s.venue,
        held: heldIds.has(s.id),
        cancelled: s.cancelledAt !== null,
        status: (s.attendances[0]?.status ?? null) as AttendanceStatus | null,
      })),
    });
  }
  return out;
}
