// Corrections to a coaching visit: its author may edit it within 14 days of recording it, a
// programme manager at any time; either may withdraw it with a reason (it stays on the timeline,
// marked, and leaves the screening evidence and the figures) or remove a photo. Each correction is
// checked against the version the form was opened at, audited with before and after, and raises
// the firm's evidence version.
import { rm } from "node:fs/promises";
import type { SessionUser } from "~/auth/roles";
import { db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { evidenceChanged } from "~/modules/roster/evidence-version.server";
import { packScores } from "./scoring";
import { isoDate } from "./visit-form";
import { photoFilePath } from "./visits.server";

export const EDIT_WINDOW_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

const select = {
  id: true,
  firmId: true,
  programmeId: true,
  coachId: true,
  date: true,
  durationMinutes: true,
  recordsMonthsSeen: true,
  notes: true,
  createdAt: true,
  version: true,
  withdrawnAt: true,
  withdrawReason: true,
  scores: { select: { itemKey: true, value: true } },
  photos: { orderBy: { createdAt: "asc" }, select: { id: true, kind: true, path: true } },
} as const;

export type EditableVisit = NonNullable<Awaited<ReturnType<typeof findVisit>>>;

function findVisit(visitId: string) {
  return db.coachingVisit.findUnique({ where: { id: visitId }, select });
}

/**
 * Whether this person may correct this visit of this firm: 404 for a visit of another firm, 403
 * for anyone but its author within the window or a manager of its programme (or an admin).
 */
export async function visitForCorrection(user: SessionUser, firmId: string, visitId: string, now = new Date()): Promise<{ ok: true; visit: EditableVisit; asManager: boolean } | { ok: false; status: 403 | 404 }> {
  const visit = await findVisit(visitId);
  if (!visit || visit.firmId !== firmId) return { ok: false, status: 404 };
  const manager = user.isAdmin || user.memberships.some((m) => m.programmeId === visit.programmeId && m.role === "manager");
  if (manager) return { ok: true, visit, asManager: true };
  const author = visit.coachId === user.id && user.memberships.some((m) => m.programmeId === visit.programmeId && m.role === "trainer");
  if (author && now.getTime() - visit.createdAt.getTime() <= EDIT_WINDOW_DAYS * DAY_MS) return { ok: true, visit, asManager: false };
  return { ok: false, status: 403 };
}

/** The same rule as visitForCorrection, for a timeline already loaded: whether to offer the link. */
export function canCorrectVisit(user: SessionUser, role: "owner" | "trainer" | "manager", visit: { coachId: string; programmeId: string; createdAt: Date }, now = new Date()): boolean {
  if (role === "manager") return true;
  if (role === "owner") return false;
  if (user.isAdmin || user.memberships.some((m) => m.programmeId === visit.programmeId && m.role === "manager")) return true;
  return visit.coachId === user.id && now.getTime() - visit.createdAt.getTime() <= EDIT_WINDOW_DAYS * DAY_MS;
}

export type VisitValues = {
  date: string;
  durationMinutes: number;
  recordsMonthsSeen: number | null;
  notes: string;
  scores: { itemKey: string; value: number }[];
};

export type StaleChange = { field: string; before: unknown; now: unknown };
export type VisitCorrectionResult = { ok: true } | { ok: false; stale: StaleChange[] };

function valuesOf(v: EditableVisit): VisitValues & { withdrawn: boolean } {
  return {
    date: isoDate(v.date),
    durationMinutes: v.durationMinutes,
    recordsMonthsSeen: v.recordsMonthsSeen,
    notes: v.notes,
    scores: [...v.scores].sort((a, b) => a.itemKey.localeCompare(b.itemKey)),
    withdrawn: v.withdrawnAt !== null,
  };
}

/** What changed since the form's version: the audit row that left that version holds what the form showed. */
async function staleChanges(visitId: string, version: number): Promise<StaleChange[]> {
  const current = await findVisit(visitId);
  if (!current) return [];
  const events = await db.auditEvent.findMany({ where: { entity: "CoachingVisit", entityId: visitId }, select: { before: true }, orderBy: { createdAt: "asc" } });
  const seen = events.map((e) => (e.before ? (JSON.parse(e.before) as Record<string, unknown>) : null)).find((b) => b?.version === version);
  const now = valuesOf(current) as Record<string, unknown>;
  if (!seen) return [{ field: "version", before: version, now: current.version }];
  return Object.keys(now)
    .filter((f) => f in seen && JSON.stringify(seen[f]) !== JSON.stringify(now[f]))
    .map((f) => ({ field: f, before: seen[f], now: now[f] }));
}

class StaleWrite extends Error {}

/** Edits a visit's date, duration, records seen, notes and checklist, and removes the photos named. */
export async function correctVisit(input: { visit: EditableVisit; version: number; values: VisitValues; removePhotoIds: string[]; actorId: string }): Promise<VisitCorrectionResult> {
  const { visit } = input;
  if (visit.version !== input.version) return { ok: false, stale: await staleChanges(visit.id, input.version) };
  const before = valuesOf(visit);
  const after = { ...input.values, scores: [...input.values.scores].sort((a, b) => a.itemKey.localeCompare(b.itemKey)) };
  const removed = visit.photos.filter((p) => input.removePhotoIds.includes(p.id));
  const changed = (Object.keys(after) as (keyof VisitValues)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (changed.length === 0 && removed.length === 0) return { ok: true };
  try {
    await db.$transaction(async (tx) => {
      const updated = await tx.coachingVisit.updateMany({
        where: { id: visit.id, version: input.version },
        data: {
          date: new Date(`${after.date}T00:00:00Z`),
          durationMinutes: after.durationMinutes,
          recordsMonthsSeen: after.recordsMonthsSeen,
          notes: after.notes,
          checklistPacked: packScores(after.scores),
          version: { increment: 1 },
        },
      });
      if (updated.count === 0) throw new StaleWrite();
      if (changed.includes("scores")) {
        await tx.checklistScore.deleteMany({ where: { visitId: visit.id } });
        await tx.checklistScore.createMany({ data: after.scores.map((s) => ({ ...s, visitId: visit.id })) });
      }
      if (removed.length > 0) await tx.visitPhoto.deleteMany({ where: { id: { in: removed.map((p) => p.id) }, visitId: visit.id } });
      await recordAudit(tx, {
        actorId: input.actorId,
        programmeId: visit.programmeId,
        action: "coaching.visit.correct",
        entity: "CoachingVisit",
        entityId: visit.id,
        before: { ...pick(before, changed), photosRemoved: removed.map((p) => ({ id: p.id, kind: p.kind })), version: input.version, withdrawn: before.withdrawn },
        after: { ...pick(after, changed), version: input.version + 1 },
      });
      await evidenceChanged(tx, { firmIds: [visit.firmId] });
    });
  } catch (error) {
    if (error instanceof StaleWrite) return { ok: false, stale: await staleChanges(visit.id, input.version) };
    throw error;
  }
  // The files go once the rows are gone: a failed transaction keeps both.
  // Photos saved before they moved into the database still have a file; newer ones have no path.
  await Promise.all(removed.filter((p) => p.path).map((p) => rm(photoFilePath(p.path), { force: true })));
  return { ok: true };
}

/** Withdraws a visit with a reason: kept and shown as withdrawn, out of the screening and the figures. */
export async function withdrawVisit(input: { visit: EditableVisit; version: number; reason: string; actorId: string; now?: Date }): Promise<VisitCorrectionResult> {
  const { visit } = input;
  if (visit.version !== input.version) return { ok: false, stale: await staleChanges(visit.id, input.version) };
  try {
    await db.$transaction(async (tx) => {
      const updated = await tx.coachingVisit.updateMany({
        where: { id: visit.id, version: input.version, withdrawnAt: null },
        data: { withdrawnAt: input.now ?? new Date(), withdrawReason: input.reason, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new StaleWrite();
      await recordAudit(tx, {
        actorId: input.actorId,
        programmeId: visit.programmeId,
        action: "coaching.visit.withdraw",
        entity: "CoachingVisit",
        entityId: visit.id,
        before: { ...valuesOf(visit), version: input.version },
        after: { withdrawn: true, reason: input.reason, version: input.version + 1 },
      });
      await evidenceChanged(tx, { firmIds: [visit.firmId] });
    });
  } catch (error) {
    if (error instanceof StaleWrite) return { ok: false, stale: await staleChanges(visit.id, input.version) };
    throw error;
  }
  return { ok: true };
}

function pick<T extends object>(o: T, keys: readonly PropertyKey[]): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k))) as Partial<T>;
}
