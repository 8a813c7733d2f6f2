// Coaching visit corrections: the author within 14 days or a manager at any time may edit a visit
// (anyone else: 403), a stale form is refused with what changed, a withdrawal keeps the visit on
// the timeline but out of the screening, photos can be removed; each leaves an audit row and
// changes the stored screening evidence exactly as gathering it afresh would.
import sharp from "sharp";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it, vi } from "vitest";

const uploadDir = vi.hoisted(() => {
  const dir = `tmp/test-uploads-corrections-${process.pid}-${Date.now()}`;
  process.env.UPLOAD_DIR = dir;
  return dir;
});

import { db } from "~/db/db.server";
import { gatheredProgrammeEvidence, programmeEvidence } from "~/modules/screening/evidence-store.server";
import { loader as timelineLoader } from "~/routes/coaching/timeline";
import { action as editAction, loader as editLoader } from "~/routes/coaching/visit-edit";
import { action as visitAction } from "~/routes/coaching/visit-form";
import { makeUser, outcome, routeArgs } from "../support/fixtures";
import { firmAt, makeScreenedProgramme } from "../support/screening";

afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));

const NOW = new Date("2026-06-01T10:00:00Z");

/** A real PNG: photos are decoded and re-encoded on the server, so a bare header is refused. */
async function png(width: number, height: number): Promise<Blob> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 180, g: 120, b: 60 } } }).png().toBuffer();
  return new Blob([new Uint8Array(bytes)], { type: "image/png" });
}

async function setUp() {
  const p = await makeScreenedProgramme([firmAt(0.3, "Low"), firmAt(0.7, "High")]);
  await db.cohortTrainer.create({ data: { cohortId: p.cohortId, userId: p.trainer.id } });
  const firm = p.firms[0]!;
  // A visit recorded through the form, with a photo, by the cohort's trainer.
  const form = new FormData();
  const fields: Record<string, string> = { clientId: crypto.randomUUID(), date: "2026-05-20", durationMinutes: "120", recordsMonthsSeen: "3", notes: "First look", "item.five_s_sort": "1", "item.records_sales": "2", "photoKind.0": "before" };
  const open = await db.actionItem.findMany({ where: { visit: { firmId: firm.firmId }, outcome: null }, select: { id: true } });
  for (const a of open) fields[`outcome.${a.id}`] = "done";
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("photo.0", await png(640, 480));
  const request = (await routeArgs(`/firms/${firm.firmId}/visits/new`, { userId: p.trainer.id, params: { firmId: firm.firmId } })) as { request: Request };
  const posted = new Request(request.request.url, { method: "POST", headers: request.request.headers, body: form });
  const saved = await outcome(() => visitAction({ ...(request as object), request: posted } as never));
  expect(saved.status).toBe(302);
  const visit = await db.coachingVisit.findUniqueOrThrow({ where: { clientId: fields.clientId }, include: { photos: true } });
  return { ...p, firm, visit };
}

const edit = (p: { firm: { firmId: string }; visit: { id: string } }, userId: string, form: Record<string, string | string[]>) =>
  outcome(async () => editAction(await routeArgs(`/firms/${p.firm.firmId}/visits/${p.visit.id}/edit`, { userId, form, params: { firmId: p.firm.firmId, visitId: p.visit.id } })));
const correction = (over: Record<string, string | string[]> = {}) => ({ intent: "correct", version: "0", date: "2026-05-19", durationMinutes: "90", recordsMonthsSeen: "4", notes: "Corrected", "item.five_s_sort": "1", "item.records_sales": "1", ...over });

async function storedEqualsGathered(programmeId: string) {
  const stored = await programmeEvidence(db, programmeId, NOW);
  expect(JSON.parse(JSON.stringify(stored.evidence))).toEqual(JSON.parse(JSON.stringify((await gatheredProgrammeEvidence(db, programmeId, NOW)).evidence)));
  return stored;
}

describe("correcting a coaching visit", () => {
  it("lets its author correct it, with before and after in the audit, and the screening follows", async () => {
    const p = await setUp();
    await storedEqualsGathered(p.programmeId);
    const version = (await db.firm.findUniqueOrThrow({ where: { id: p.firm.firmId } })).evidenceVersion;
    const done = await edit(p, p.trainer.id, correction());
    expect(done.status).toBe(302);
    const row = await db.coachingVisit.findUniqueOrThrow({ where: { id: p.visit.id }, include: { scores: true } });
    expect(row).toMatchObject({ durationMinutes: 90, recordsMonthsSeen: 4, notes: "Corrected", version: 1 });
    expect(row.scores.find((s) => s.itemKey === "records_sales")!.value).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: p.visit.id, action: "coaching.visit.correct" } });
    expect(audit.actorId).toBe(p.trainer.id);
    expect(JSON.parse(audit.before!)).toMatchObject({ date: "2026-05-20", durationMinutes: 120, recordsMonthsSeen: 3, notes: "First look" });
    expect(JSON.parse(audit.after!)).toMatchObject({ date: "2026-05-19", durationMinutes: 90, recordsMonthsSeen: 4 });
    expect((await db.firm.findUniqueOrThrow({ where: { id: p.firm.firmId } })).evidenceVersion).toBeGreaterThan(version);
    const after = await storedEqualsGathered(p.programmeId);
    expect(after.evidence.find((e) => e.id === p.firm.firmId)!.recordsMonthsSeen).toBe(4);

    // The form opened before that correction is refused with what changed; nothing is overwritten.
    const stale = await edit(p, p.manager.id, correction({ notes: "Overwrite" }));
    expect(stale.status).toBe(409);
    expect(stale.data.stale).toEqual(expect.arrayContaining([{ field: "notes", before: "First look", now: "Corrected" }]));
    expect((await db.coachingVisit.findUniqueOrThrow({ where: { id: p.visit.id } })).notes).toBe("Corrected");
  });

  it("refuses others (403) and the author after 14 days, while a manager may correct at any time", async () => {
    const p = await setUp();
    const otherTrainer = await makeUser({ roles: [{ programmeId: p.programmeId, role: "trainer" }] });
    await db.cohortTrainer.create({ data: { cohortId: p.cohortId, userId: otherTrainer.id } });
    expect((await edit(p, otherTrainer.id, correction())).status).toBe(403);
    expect((await edit(p, p.firms[0]!.ownerId, correction())).status).toBe(403);
    await db.coachingVisit.update({ where: { id: p.visit.id }, data: { createdAt: new Date(Date.now() - 15 * 24 * 60 * 60 * 1000) } });
    expect((await edit(p, p.trainer.id, correction())).status).toBe(403);
    const page = await outcome(async () => timelineLoader(await routeArgs(`/firms/${p.firm.firmId}/visits`, { userId: p.trainer.id, params: { firmId: p.firm.firmId } })));
    expect(page.data.visits.find((v: { id: string }) => v.id === p.visit.id).canCorrect).toBe(false);
    expect((await edit(p, p.manager.id, correction())).status).toBe(302);
    const bad = await edit(p, p.manager.id, correction({ version: "1", durationMinutes: "5", date: "2031-01-01" }));
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({ durationMinutes: ["coaching.errors.duration"], date: ["coaching.errors.dateFuture"] });
  });

  it("removes a photo, row and stored bytes, in the audit", async () => {
    const p = await setUp();
    const photo = p.visit.photos[0]!;
    // Photos are kept in the database (docs/decisions/0016-photos-in-the-database.md).
    expect(await db.visitPhotoData.count({ where: { photoId: photo.id } })).toBe(1);
    const form = await outcome(async () => editLoader(await routeArgs(`/firms/${p.firm.firmId}/visits/${p.visit.id}/edit`, { userId: p.trainer.id, params: { firmId: p.firm.firmId, visitId: p.visit.id } })));
    expect(form.data.fields).toMatchObject({ date: "2026-05-20", durationMinutes: "120", "item.records_sales": "2" });
    const done = await edit(p, p.trainer.id, { ...correction({ date: "2026-05-20", durationMinutes: "120", recordsMonthsSeen: "3", notes: "First look", "item.records_sales": "2" }), removePhoto: photo.id });
    expect(done.status).toBe(302);
    expect(await db.visitPhoto.count({ where: { visitId: p.visit.id } })).toBe(0);
    expect(await db.visitPhotoData.count({ where: { photoId: photo.id } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: p.visit.id, action: "coaching.visit.correct" } });
    expect(JSON.parse(audit.before!).photosRemoved).toEqual([{ id: photo.id, kind: "before" }]);
  });

  it("withdraws with a reason: still on the timeline, marked, out of the screening evidence and the figures", async () => {
    const p = await setUp();
    const before = await storedEqualsGathered(p.programmeId);
    const visitsBefore = before.evidence.find((e) => e.id === p.firm.firmId)!.visits!.length;
    const noReason = await edit(p, p.trainer.id, { intent: "withdraw", version: "0", reason: "" });
    expect(noReason.status).toBe(400);
    const done = await edit(p, p.trainer.id, { intent: "withdraw", version: "0", reason: "Recorded for the wrong firm" });
    expect(done.status).toBe(302);
    const after = await storedEqualsGathered(p.programmeId);
    expect(after.evidence.find((e) => e.id === p.firm.firmId)!.visits!.length).toBe(visitsBefore - 1);
    expect(await db.coachingVisit.count({ where: { id: p.visit.id } })).toBe(1);
    const page = await outcome(async () => timelineLoader(await routeArgs(`/firms/${p.firm.firmId}/visits`, { userId: p.manager.id, params: { firmId: p.firm.firmId } })));
    expect(page.data.visits.find((v: { id: string }) => v.id === p.visit.id)).toMatchObject({ withdrawReason: "Recorded for the wrong firm" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: p.visit.id, action: "coaching.visit.withdraw" } });
    expect(JSON.parse(audit.after!)).toMatchObject({ withdrawn: true, reason: "Recorded for the wrong firm" });
    // A second withdrawal from the same form finds the visit already changed.
    const again = await edit(p, p.trainer.id, { intent: "withdraw", version: "0", reason: "Twice" });
    expect(again.status).toBe(409);
  });
});
