// Corrections to a class session after it was scheduled: reschedule, change its modules, venue or
// trainer, cancel it with a reason, or delete it while no roll was taken. Every correction is
// checked against the version the form was opened at (a stale form is refused with what changed),
// written with its audit row, and raises the evidence version of the cohort's firms where the
// screening reads it (the session's day decides whether it counts as held; a cancelled session
// leaves every denominator).
import { db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { catalogue } from "~/modules/content/catalogue.server";
import { evidenceChanged } from "~/modules/roster/evidence-version.server";
import { dayDate, startOfToday } from "./sessions.server";

export type SessionValues = {
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  modules: string[];
  trainerId: string | null;
};

export type SessionFieldName = keyof SessionValues;

export type CorrectionProblem =
  | { kind: "stale"; changed: { field: SessionFieldName | "cancelled"; before: unknown; now: unknown }[] }
  | { kind: "field"; field: SessionFieldName | "reason" | "form"; problem: CorrectionCode };

export type CorrectionCode =
  | "endBeforeStart"
  | "unknownModule"
  | "trainerNotInCohort"
  | "sessionExists"
  | "pastWithMarks"
  | "rollTaken"
  | "alreadyCancelled";

export type CorrectionResult = { ok: true } | ({ ok: false } & CorrectionProblem);

type Actor = { actorId: string; programmeId: string };

const select = {
  id: true,
  cohortId: true,
  date: true,
  startTime: true,
  endTime: true,
  venue: true,
  modules: true,
  trainerId: true,
  version: true,
  cancelledAt: true,
  cancelReason: true,
  _count: { select: { attendances: true } },
} as const;

/** A session as the correction form shows it, with the version the form must send back. */
export async function sessionForCorrection(sessionId: string) {
  const s = await db.classSession.findUnique({ where: { id: sessionId }, select });
  if (!s) return null;
  return { ...valuesOf(s), id: s.id, cohortId: s.cohortId, version: s.version, cancelledAt: s.cancelledAt, cancelReason: s.cancelReason, marks: s._count.attendances };
}

function valuesOf(s: { date: Date; startTime: string; endTime: string; venue: string; modules: string; trainerId: string | null }): SessionValues {
  return {
    date: s.date.toISOString().slice(0, 10),
    startTime: s.startTime,
    endTime: s.endTime,
    venue: s.venue,
    modules: s.modules ? s.modules.split(",") : [],
    trainerId: s.trainerId,
  };
}

const FIELDS: SessionFieldName[] = ["date", "startTime", "endTime", "venue", "modules", "trainerId"];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed since the form was opened at `version`: the audit row that left that version holds
 * the values the form showed; they are compared with the record as it is now.
 */
async function staleProblem(sessionId: string, version: number): Promise<CorrectionProblem & { kind: "stale" }> {
  const current = await db.classSession.findUniqueOrThrow({ where: { id: sessionId }, select });
  const events = await db.auditEvent.findMany({ where: { entity: "ClassSession", entityId: sessionId }, select: { before: true }, orderBy: { createdAt: "asc" } });
  const seen = events.map((e) => (e.before ? (JSON.parse(e.before) as Partial<SessionValues> & { version?: number; cancelled?: boolean }) : null)).find((b) => b?.version === version);
  const now = valuesOf(current);
  const changed: { field: SessionFieldName | "cancelled"; before: unknown; now: unknown }[] = [];
  if (seen) for (const f of FIELDS) if (f in seen && !same(seen[f], now[f])) changed.push({ field: f, before: seen[f], now: now[f] });
  if (current.cancelledAt && !seen?.cancelled) changed.push({ field: "cancelled", before: false, now: true });
  return { kind: "stale", changed };
}

/** Reschedules or changes a session. `now` decides what "the past" is. */
export async function correctSession(input: Actor & { sessionId: string; version: number; values: SessionValues; now?: Date }): Promise<CorrectionResult> {
  const current = await db.classSession.findUnique({ where: { id: input.sessionId }, select });
  if (!current) return { ok: false, kind: "field", field: "form", problem: "rollTaken" };
  if (current.version !== input.version) return { ok: false, ...(await staleProblem(input.sessionId, input.version)) };
  const next = input.values;
  const before = valuesOf(current);
  if (next.endTime <= next.startTime) return { ok: false, kind: "field", field: "endTime", problem: "endBeforeStart" };
  const slugs = new Set(catalogue().map((m) => m.slug));
  if (next.modules.some((m) => !slugs.has(m))) return { ok: false, kind: "field", field: "modules", problem: "unknownModule" };
  if (next.trainerId && next.trainerId !== before.trainerId) {
    const teaches = await db.cohortTrainer.findUnique({ where: { cohortId_userId: { cohortId: current.cohortId, userId: next.trainerId } } });
    if (!teaches) return { ok: false, kind: "field", field: "trainerId", problem: "trainerNotInCohort" };
  }
  const moved = next.date !== before.date;
  // Marks taken on a day belong to that day: moving them into another past day would rewrite who came when.
  if (moved && current._count.attendances > 0 && dayDate(next.date) < startOfToday(input.now)) {
    return { ok: false, kind: "field", field: "date", problem: "pastWithMarks" };
  }
  if (moved || next.startTime !== before.startTime) {
    const taken = await db.classSession.findFirst({
      where: { cohortId: current.cohortId, date: dayDate(next.date), startTime: next.startTime, id: { not: current.id } },
      select: { id: true },
    });
    if (taken) return { ok: false, kind: "field", field: "startTime", problem: "sessionExists" };
  }
  const changedFields = FIELDS.filter((f) => !same(before[f], next[f]));
  if (changedFields.length === 0) return { ok: true };
  try {
    return await db.$transaction(async (tx) => {
      const updated = await tx.classSession.updateMany({
        where: { id: current.id, version: input.version },
        data: {
          date: dayDate(next.date),
          startTime: next.startTime,
          endTime: next.endTime,
          venue: next.venue,
          modules: next.modules.join(","),
          trainerId: next.trainerId,
          version: { increment: 1 },
        },
      });
      if (updated.count === 0) throw new StaleWrite();
      await recordAudit(tx, {
        actorId: input.actorId,
        programmeId: input.programmeId,
        action: moved ? "classSession.reschedule" : "classSession.correct",
        entity: "ClassSession",
        entityId: current.id,
        before: { ...pick(before, changedFields), version: input.version, cancelled: current.cancelledAt !== null },
        after: { ...pick(next, changedFields), version: input.version + 1 },
      });
      // The day decides whether a session counts as held (attendance/rates.ts).
      if (moved) await evidenceChanged(tx, { sessionId: current.id });
      return { ok: true as const };
    });
  } catch (error) {
    if (error instanceof StaleWrite) return { ok: false, ...(await staleProblem(input.sessionId, input.version)) };
    if ((error as { code?: string }).code === "P2002") return { ok: false, kind: "field", field: "startTime", problem: "sessionExists" };
    throw error;
  }
}

/** Cancels a session with a reason: it stays listed as cancelled and leaves every attendance denominator. */
export async function cancelSession(input: Actor & { sessionId: string; version: number; reason: string; now?: Date }): Promise<CorrectionResult> {
  const current = await db.classSession.findUnique({ where: { id: input.sessionId }, select });
  if (!current) return { ok: false, kind: "field", field: "form", problem: "rollTaken" };
  if (current.version !== input.version) return { ok: false, ...(await staleProblem(input.sessionId, input.version)) };
  if (current.cancelledAt) return { ok: false, kind: "field", field: "reason", problem: "alreadyCancelled" };
  try {
    return await db.$transaction(async (tx) => {
      const updated = await tx.classSession.updateMany({
        where: { id: current.id, version: input.version },
        data: { cancelledAt: input.now ?? new Date(), cancelReason: input.reason, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new StaleWrite();
      await recordAudit(tx, {
        actorId: input.actorId,
        programmeId: input.programmeId,
        action: "classSession.cancel",
        entity: "ClassSession",
        entityId: current.id,
        before: { ...valuesOf(current), version: input.version, cancelled: false },
        after: { cancelled: true, reason: input.reason, version: input.version + 1 },
      });
      await evidenceChanged(tx, { sessionId: current.id });
      return { ok: true as const };
    });
  } catch (error) {
    if (error instanceof StaleWrite) return { ok: false, ...(await staleProblem(input.sessionId, input.version)) };
    throw error;
  }
}

/** Deletes a session, only while no roll was taken for it (otherwise: cancel it). */
export async function deleteSession(input: Actor & { sessionId: string; version: number }): Promise<CorrectionResult> {
  const current = await db.classSession.findUnique({ where: { id: input.sessionId }, select });
  if (!current) return { ok: false, kind: "field", field: "form", problem: "rollTaken" };
  if (current.version !== input.version) return { ok: false, ...(await staleProblem(input.sessionId, input.version)) };
  if (current._count.attendances > 0) return { ok: false, kind: "field", field: "form", problem: "rollTaken" };
  try {
    return await db.$transaction(async (tx) => {
      // The condition on marks is repeated in the delete itself: a roll saved meanwhile keeps the session.
      const deleted = await tx.classSession.deleteMany({ where: { id: current.id, version: input.version, attendances: { none: {} } } });
      if (deleted.count === 0) throw new StaleWrite();
      await recordAudit(tx, {
        actorId: input.actorId,
        programmeId: input.programmeId,
        action: "classSession.delete",
        entity: "ClassSession",
        entityId: current.id,
        before: { ...valuesOf(current), version: input.version, cancelled: current.cancelledAt !== null },
      });
      return { ok: true as const };
    });
  } catch (error) {
    if (error instanceof StaleWrite) {
      const marks = await db.attendance.count({ where: { sessionId: current.id } });
      if (marks > 0) return { ok: false, kind: "field", field: "form", problem: "rollTaken" };
      return { ok: false, ...(await staleProblem(input.sessionId, input.version)) };
    }
    throw error;
  }
}

class StaleWrite extends Error {}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}
