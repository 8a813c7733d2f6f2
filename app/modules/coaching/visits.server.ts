import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SessionUser } from "~/auth/roles";
import { db } from "~/db/db.server";
import { env } from "~/env.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { enabledItems } from "./checklist";
import type { ImageInfo } from "./photos";
import { type Outcome, packScores } from "./scoring";
import { isoDate, type PhotoKind, type VisitInput } from "./visit-form";
import { evidenceChanged } from "~/modules/roster/evidence-version.server";

export type FirmAccess =
  | { ok: true; firm: { id: string; name: string }; programmeIds: string[]; role: "owner" | "trainer" | "manager" }
  | { ok: false; status: 403 | 404 };

/**
 * Who may see a firm's coaching record: its owners, the trainers of a cohort it is enrolled in
 * (who also hold the trainer role in that programme), the programme's managers, and platform admins.
 * `need: "trainer"` asks for the right to record a visit: trainers of its cohorts only.
 */
export async function firmAccess(user: SessionUser, firmId: string, need: "view" | "trainer" = "view"): Promise<FirmAccess> {
  const firm = await db.firm.findUnique({
    where: { id: firmId },
    select: { id: true, name: true, enrolments: { select: { cohort: { select: { programmeId: true, trainers: { where: { userId: user.id }, select: { userId: true } } } } } } },
  });
  if (!firm) return { ok: false, status: 404 };
  const holds = (programmeId: string, role: string) => user.memberships.some((m) => m.programmeId === programmeId && m.role === role);
  const taught = firm.enrolments.filter((e) => e.cohort.trainers.length > 0 && holds(e.cohort.programmeId, "trainer")).map((e) => e.cohort.programmeId);
  const result = (role: "owner" | "trainer" | "manager", programmeIds: string[]): FirmAccess => ({
    ok: true,
    firm: { id: firm.id, name: firm.name },
    programmeIds: [...new Set(programmeIds)],
    role,
  });
  if (taught.length > 0) return result("trainer", taught);
  if (need === "trainer") return { ok: false, status: 403 };
  const managed = firm.enrolments.map((e) => e.cohort.programmeId).filter((id) => user.isAdmin || holds(id, "manager"));
  if (managed.length > 0) return result("manager", managed);
  if (user.firmId === firm.id) return result("owner", firm.enrolments.map((e) => e.cohort.programmeId));
  return { ok: false, status: 403 };
}

/** Everything the visit form needs: the programme's items and dates, and last visit's actions. */
export async function visitFormData(firmId: string, programmeId: string) {
  const programme = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true, startsOn: true, coachingItemsOff: true } });
  const previous = await db.coachingVisit.findFirst({
    where: { firmId, programmeId, withdrawnAt: null },
    orderBy: [{ date: "desc" }, { createdAt: "desc" }],
    select: { id: true, date: true, actions: { orderBy: { position: "asc" }, select: { id: true, text: true, outcome: true } } },
  });
  const visits = await db.coachingVisit.count({ where: { firmId, programmeId, withdrawnAt: null } });
  return {
    programme: { id: programme.id, name: programme.name, startsOn: isoDate(programme.startsOn) },
    itemKeys: enabledItems(programme.coachingItemsOff).map((item) => item.key),
    previous: previous ? { id: previous.id, date: isoDate(previous.date), actions: previous.actions.filter((a) => a.outcome === null) } : null,
    visitNumber: visits + 1,
  };
}

/** The latest day a visit may carry: today where the trainer is, up to UTC+14. */
export function latestVisitDay(now = new Date()): string {
  return isoDate(new Date(now.getTime() + 14 * 60 * 60 * 1000));
}

/** A photo as it is stored: already re-encoded (photo-image.server.ts). */
export type PhotoUpload = { kind: PhotoKind; bytes: Uint8Array<ArrayBuffer>; info: ImageInfo };

function uploadRoot(): string {
  return path.resolve(env().UPLOAD_DIR);
}

export function photoFilePath(relative: string): string {
  const root = uploadRoot();
  const full = path.resolve(root, relative);
  if (!full.startsWith(root + path.sep)) throw new Error("photo path outside the upload folder");
  return full;
}

/** Whether a visit with this client id exists already (a replay): then nothing is written again. */
export async function visitByClientId(clientId: string) {
  return db.coachingVisit.findUnique({ where: { clientId }, select: { id: true, firmId: true } });
}

/**
 * Saves a visit with its scores, actions, the outcomes of last visit's actions and its photos, in
 * one transaction. Idempotent by `clientId`: a replay (or two at once) leaves one visit.
 * The photos' bytes are rows of the same transaction (docs/decisions/0016-photos-in-the-database.md):
 * every app process can serve them, and a save that fails or is killed half-way leaves nothing behind.
 */
export async function saveVisit(input: VisitInput & { firmId: string; programmeId: string; coachId: string; photos: PhotoUpload[] }): Promise<{ id: string; created: boolean }> {
  const existing = await visitByClientId(input.clientId);
  if (existing) return { id: existing.id, created: false };

  try {
    const id = await db.$transaction(async (tx) => {
      const visit = await tx.coachingVisit.create({
        data: {
          clientId: input.clientId,
          programmeId: input.programmeId,
          firmId: input.firmId,
          coachId: input.coachId,
          date: new Date(`${input.date}T00:00:00Z`),
          durationMinutes: input.durationMinutes,
          recordsMonthsSeen: input.recordsMonthsSeen,
          notes: input.notes,
          checklistPacked: packScores(input.scores),
          scores: { createMany: { data: input.scores } },
          actions: { createMany: { data: input.actions.map((text, position) => ({ text, position })) } },
        },
        select: { id: true },
      });
      for (const photo of input.photos) {
        await tx.visitPhoto.create({
          data: {
            visitId: visit.id,
            path: "",
            kind: photo.kind,
            mediaType: photo.info.mediaType,
            width: photo.info.width,
            height: photo.info.height,
            bytes: photo.bytes.byteLength,
            data: { create: { data: photo.bytes } },
          },
          select: { id: true },
        });
      }
      // Only actions of this firm's visits that no visit has reviewed yet are marked.
      for (const group of groupByOutcome(input.outcomes)) {
        await tx.actionItem.updateMany({
          where: { id: { in: group.ids }, outcome: null, visit: { firmId: input.firmId } },
          data: { outcome: group.outcome, reviewedAtVisitId: visit.id },
        });
      }
      await evidenceChanged(tx, { firmIds: [input.firmId] });
      await recordAudit(tx, {
        actorId: input.coachId,
        programmeId: input.programmeId,
        action: "coaching.visit.record",
        entity: "CoachingVisit",
        entityId: visit.id,
        after: { firmId: input.firmId, date: input.date, scores: input.scores.length, actions: input.actions.length, outcomes: input.outcomes, photos: input.photos.length },
      });
      return visit.id;
    });
    return { id, created: true };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      const raced = await visitByClientId(input.clientId);
      if (raced) return { id: raced.id, created: false };
    }
    throw error;
  }
}

function groupByOutcome(outcomes: readonly { actionId: string; outcome: Outcome }[]) {
  const groups = new Map<Outcome, string[]>();
  for (const o of outcomes) groups.set(o.outcome, [...(groups.get(o.outcome) ?? []), o.actionId]);
  return [...groups].map(([outcome, ids]) => ({ outcome, ids }));
}

/** A firm's visits in date order with everything the timeline shows, in a fixed number of queries. */
export async function firmTimeline(firmId: string, programmeIds: string[]) {
  const visits = await db.coachingVisit.findMany({
    where: { firmId, programmeId: { in: programmeIds } },
    orderBy: [{ date: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      date: true,
      durationMinutes: true,
      recordsMonthsSeen: true,
      notes: true,
      coachId: true,
      programmeId: true,
      createdAt: true,
      withdrawnAt: true,
      withdrawReason: true,
      coach: { select: { name: true } },
      scores: { select: { itemKey: true, value: true } },
      actions: { orderBy: { position: "asc" }, select: { id: true, text: true, outcome: true } },
      photos: { orderBy: { createdAt: "asc" }, select: { id: true, kind: true, width: true, height: true } },
    },
  });
  return visits.map((v) => ({ ...v, date: isoDate(v.date) }));
}

/** The firms a trainer coaches, with how many visits each has had and the last one's date. */
export async function trainerFirms(userId: string, programmeIds: string[]) {
  const cohorts = await db.cohort.findMany({
    where: { programmeId: { in: programmeIds }, trainers: { some: { userId } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, programmeId: true, enrolments: { orderBy: { firm: { name: "asc" } }, select: { firm: { select: { id: true, name: true } } } } },
  });
  const firmIds = cohorts.flatMap((c) => c.enrolments.map((e) => e.firm.id));
  const stats = await db.coachingVisit.groupBy({ by: ["firmId"], where: { firmId: { in: firmIds }, programmeId: { in: programmeIds }, withdrawnAt: null }, _count: { _all: true }, _max: { date: true } });
  const byFirm = new Map(stats.map((s) => [s.firmId, { visits: s._count._all, lastVisit: s._max.date ? isoDate(s._max.date) : null }]));
  return cohorts.map((c) => ({
    id: c.id,
    name: c.name,
    firms: c.enrolments.map((e) => ({ ...e.firm, ...(byFirm.get(e.firm.id) ?? { visits: 0, lastVisit: null }) })),
  }));
}

/** A photo and the firm it belongs to, for the serving route's permission check. */
export async function photoRecord(photoId: string) {
  return db.visitPhoto.findUnique({ where: { id: photoId }, select: { id: true, path: true, mediaType: true, visit: { select: { firmId: true, programmeId: true } } } });
}

/** A photo's bytes: from the database, or from its file for a photo stored before photos moved there. Null when neither has it. */
export async function photoBytes(photo: { id: string; path: string }): Promise<Uint8Array<ArrayBuffer> | null> {
  const row = await db.visitPhotoData.findUnique({ where: { photoId: photo.id }, select: { data: true } });
  if (row) return new Uint8Array(row.data);
  if (!photo.path) return null;
  try {
    return new Uint8Array(await readFile(photoFilePath(photo.path)));
  } catch {
    return null;
  }
}
