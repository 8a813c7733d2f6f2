import { existsSync } from "node:fs";
import path from "node:path";
import { RouterContextProvider } from "react-router";
import { afterAll, describe, expect, it, vi } from "vitest";

const uploadDir = vi.hoisted(() => {
  const dir = `tmp/test-uploads-${process.pid}-${Date.now()}`;
  process.env.UPLOAD_DIR = dir;
  return dir;
});

import { rmSync } from "node:fs";
import sharp from "sharp";
import { createSession, loadSession, SESSION_COOKIE, sessionContext } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { coachingEvidence } from "~/modules/coaching/screening-evidence.server";
import { loader as photoLoader } from "~/routes/coaching/photo";
import { loader as timelineLoader } from "~/routes/coaching/timeline";
import { action as visitAction, loader as visitLoader } from "~/routes/coaching/visit-form";
import { makeProgramme, makeUser, outcome, unique } from "../support/fixtures";

afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));

type Form = Record<string, string | Blob | (string | Blob)[]>;

async function args(url: string, options: { userId?: string; form?: Form; params?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const headers = new Headers({ "x-kaizen-client-address": unique("address"), ...options.headers });
  if (options.userId) headers.set("Cookie", `${SESSION_COOKIE}=${(await createSession(options.userId)).token}`);
  let body: FormData | undefined;
  if (options.form) {
    body = new FormData();
    for (const [name, value] of Object.entries(options.form)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  const request = new Request(new URL(url, "http://localhost"), { method: body ? "POST" : "GET", headers, body });
  const context = new RouterContextProvider();
  context.set(sessionContext, await loadSession(request));
  return { request, context, params: options.params ?? {}, unstable_pattern: "", pattern: "" } as never;
}

function png(width: number, height: number, extra = 0): Blob {
  const bytes = new Uint8Array(64 + extra);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return new Blob([bytes], { type: "image/png" });
}

/** A picture that decodes, as a phone or a screenshot tool would make it. */
async function realPng(width: number, height: number): Promise<Blob> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 180, g: 120, b: 60 } } }).png().toBuffer();
  return new Blob([new Uint8Array(bytes)], { type: "image/png" });
}

async function setUp() {
  const p = await makeProgramme();
  const trainer = await makeUser({ roles: [{ programmeId: p.programmeId, role: "trainer" }] });
  await db.cohortTrainer.create({ data: { cohortId: p.cohortId, userId: trainer.id } });
  const otherCohort = await db.cohort.create({ data: { programmeId: p.programmeId, name: unique("Other"), startsOn: new Date("2026-02-02") } });
  const otherTrainer = await makeUser({ roles: [{ programmeId: p.programmeId, role: "trainer" }] });
  await db.cohortTrainer.create({ data: { cohortId: otherCohort.id, userId: otherTrainer.id } });
  const owner = await makeUser({ firmId: p.firmId, language: "am", roles: [{ programmeId: p.programmeId, role: "owner" }] });
  const manager = await makeUser({ roles: [{ programmeId: p.programmeId, role: "manager" }] });
  return { ...p, trainer, otherTrainer, owner, manager };
}

const visitForm = (over: Form = {}): Form => ({
  clientId: crypto.randomUUID(),
  date: "2026-03-10",
  durationMinutes: "150",
  recordsMonthsSeen: "2",
  notes: "Owner keen; scrap pile by the door.",
  "item.five_s_sort": "1",
  "item.five_s_routine": "0",
  "item.records_sales": "2",
  "item.flow_wip": "",
  "action.0": "Red-tag the scrap pile",
  "action.1": "Write daily sales in the book",
  "photoKind.0": "before",
  ...over,
});

async function post(firmId: string, userId: string, form: Form, headers?: Record<string, string>) {
  return outcome(async () => visitAction(await args(`/firms/${firmId}/visits/new`, { userId, form, params: { firmId }, headers })));
}

describe("recording a coaching visit", () => {
  it("stores the visit with its scores, actions and photo, and sends the trainer to the timeline", async () => {
    const s = await setUp();
    const form = visitForm({ "photo.0": await realPng(1280, 960) });
    const saved = await post(s.firmId, s.trainer.id, form);
    expect(saved.status).toBe(302);
    const visit = await db.coachingVisit.findUniqueOrThrow({ where: { clientId: form.clientId as string }, include: { scores: true, actions: true, photos: true } });
    expect(saved.headers.get("Location")).toBe(`/firms/${s.firmId}/visits#visit-${visit.id}`);
    expect(visit).toMatchObject({ firmId: s.firmId, programmeId: s.programmeId, coachId: s.trainer.id, durationMinutes: 150, recordsMonthsSeen: 2 });
    expect(visit.scores.map((x) => [x.itemKey, x.value]).sort()).toEqual([
      ["five_s_routine", 0],
      ["five_s_sort", 1],
      ["records_sales", 2],
    ]);
    expect(visit.actions.sort((a, b) => a.position - b.position).map((a) => a.text)).toEqual(["Red-tag the scrap pile", "Write daily sales in the book"]);
    expect(visit.photos).toHaveLength(1);
    // Re-encoded as JPEG on the server, its bytes stored with the visit, no file written.
    expect(visit.photos[0]).toMatchObject({ kind: "before", width: 1280, height: 960, mediaType: "image/jpeg", path: "" });
    expect(await db.visitPhotoData.count({ where: { photoId: visit.photos[0]!.id } })).toBe(1);
    expect(existsSync(uploadDir)).toBe(false);
    const audit = await db.auditEvent.findFirst({ where: { entity: "CoachingVisit", entityId: visit.id } });
    expect(audit?.action).toBe("coaching.visit.record");
  });

  it("never makes a second visit from a replay, and answers the outbox in JSON", async () => {
    const s = await setUp();
    const form = visitForm();
    expect((await post(s.firmId, s.trainer.id, form)).status).toBe(302);
    const replay = (await visitAction(await args(`/firms/${s.firmId}/visits/new`, { userId: s.trainer.id, form, params: { firmId: s.firmId }, headers: { "X-Kaizen-Outbox": "1" } }))) as Response;
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ ok: true });
    const again = await post(s.firmId, s.trainer.id, form);
    expect(again.status).toBe(302);
    expect(await db.coachingVisit.count({ where: { firmId: s.firmId } })).toBe(1);
    expect(await db.actionItem.count({ where: { visit: { firmId: s.firmId } } })).toBe(2);
  });

  it("answers a replay with bad input as 400 JSON, so the outbox keeps it for attention", async () => {
    const s = await setUp();
    const response = await visitAction(await args(`/firms/${s.firmId}/visits/new`, { userId: s.trainer.id, form: visitForm({ date: "2099-01-01" }), params: { firmId: s.firmId }, headers: { "X-Kaizen-Outbox": "1" } }));
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(400);
    expect(await (response as Response).json()).toEqual({ ok: false, errors: { date: ["coaching.errors.dateFuture"] } });
  });

  it("opens the next visit with the actions agreed last time and records what became of them", async () => {
    const s = await setUp();
    await post(s.firmId, s.trainer.id, visitForm());
    const next = await outcome(async () => visitLoader(await args(`/firms/${s.firmId}/visits/new`, { userId: s.trainer.id, params: { firmId: s.firmId } })));
    expect(next.data.visitNumber).toBe(2);
    const actions = next.data.previous.actions as { id: string; text: string }[];
    expect(actions.map((a) => a.text)).toEqual(["Red-tag the scrap pile", "Write daily sales in the book"]);

    const missing = await post(s.firmId, s.trainer.id, visitForm({ date: "2026-04-10", [`outcome.${actions[0]!.id}`]: "done" }));
    expect(missing.status).toBe(400);
    expect(missing.data.errors[`outcome.${actions[1]!.id}`]).toEqual(["coaching.errors.outcomeNeeded"]);

    const follow = await post(s.firmId, s.trainer.id, visitForm({ date: "2026-04-10", [`outcome.${actions[0]!.id}`]: "done", [`outcome.${actions[1]!.id}`]: "partly" }));
    expect(follow.status).toBe(302);
    const reviewed = await db.actionItem.findMany({ where: { id: { in: actions.map((a) => a.id) } }, orderBy: { position: "asc" } });
    expect(reviewed.map((a) => a.outcome)).toEqual(["done", "partly"]);
    expect(reviewed[0]!.reviewedAtVisitId).toBeTruthy();
  });

  it("refuses bad input with reasons beside the fields, keeps what was typed, and writes nothing", async () => {
    const s = await setUp();
    const cases: [Form, string, string][] = [
      [{ "item.no_such_item": "1" }, "form", "coaching.errors.unknownItem"],
      [{ "item.five_s_routine": "2" }, "item.five_s_routine", "coaching.errors.scoreRange"],
      [{ date: "2099-01-01" }, "date", "coaching.errors.dateFuture"],
      [{ date: "2026-01-15" }, "date", "coaching.errors.dateBeforeProgramme"],
      [{ "photo.0": new Blob([new TextEncoder().encode("%PDF-1.7 not a photo at all, just a document")], { type: "image/jpeg" }) }, "photo.0", "coaching.errors.photoNotImage"],
      [{ "photo.1": png(4000, 3000, 11 * 1024 * 1024) }, "photo.1", "coaching.errors.photoTooLarge"],
    ];
    for (const [over, field, key] of cases) {
      const result = await post(s.firmId, s.trainer.id, visitForm(over));
      expect(result.status, key).toBe(400);
      expect(result.data.errors[field], key).toEqual([key]);
      expect(result.data.fields.notes).toBe("Owner keen; scrap pile by the door.");
      expect(result.data.fields["action.0"]).toBe("Red-tag the scrap pile");
    }
    expect(await db.coachingVisit.count({ where: { firmId: s.firmId } })).toBe(0);
  });

  it("respects the programme's switched-off items", async () => {
    const s = await setUp();
    await db.programme.update({ where: { id: s.programmeId }, data: { coachingItemsOff: "five_s_audit" } });
    const form = await outcome(async () => visitLoader(await args(`/firms/${s.firmId}/visits/new`, { userId: s.trainer.id, params: { firmId: s.firmId } })));
    expect(form.data.itemKeys).not.toContain("five_s_audit");
    const refused = await post(s.firmId, s.trainer.id, visitForm({ "item.five_s_audit": "1" }));
    expect(refused.status).toBe(400);
  });
});

describe("who may record and see visits", () => {
  it("refuses a trainer of another cohort, an owner and a manager the form (403), and an unknown firm (404)", async () => {
    const s = await setUp();
    for (const userId of [s.otherTrainer.id, s.owner.id, s.manager.id]) {
      const page = await outcome(async () => visitLoader(await args(`/firms/${s.firmId}/visits/new`, { userId, params: { firmId: s.firmId } })));
      expect(page.status).toBe(403);
      expect((await post(s.firmId, userId, visitForm())).status).toBe(403);
    }
    const unknown = await outcome(async () => visitLoader(await args(`/firms/nope/visits/new`, { userId: s.trainer.id, params: { firmId: "nope" } })));
    expect(unknown.status).toBe(404);
    const replay = await visitAction(await args(`/firms/${s.firmId}/visits/new`, { userId: s.otherTrainer.id, form: visitForm(), params: { firmId: s.firmId }, headers: { "X-Kaizen-Outbox": "1" } }));
    expect((replay as Response).status).toBe(403);
    const anonymous = await visitAction(await args(`/firms/${s.firmId}/visits/new`, { form: visitForm(), params: { firmId: s.firmId }, headers: { "X-Kaizen-Outbox": "1" } }));
    expect((anonymous as Response).status).toBe(401);
    expect(await db.coachingVisit.count({ where: { firmId: s.firmId } })).toBe(0);
  });

  it("shows the timeline to the trainer, the manager and the firm's owner (without coach notes), not to others; photos likewise", async () => {
    const s = await setUp();
    await post(s.firmId, s.trainer.id, visitForm({ "photo.0": await realPng(800, 600) }));
    const timeline = async (userId: string) => outcome(async () => timelineLoader(await args(`/firms/${s.firmId}/visits`, { userId, params: { firmId: s.firmId } })));

    const trainerView = await timeline(s.trainer.id);
    expect(trainerView.status).toBe(200);
    expect(trainerView.data.visits).toHaveLength(1);
    expect(trainerView.data.visits[0].overall).toBeCloseTo(3 / 5);
    expect(trainerView.data.visits[0].notes).toContain("scrap pile");
    expect((await timeline(s.manager.id)).status).toBe(200);
    const ownerView = await timeline(s.owner.id);
    expect(ownerView.data.role).toBe("owner");
    expect(ownerView.data.visits[0].notes).toBe("");
    expect(ownerView.data.visits[0].actions.map((a: { text: string }) => a.text)).toContain("Red-tag the scrap pile");
    expect((await timeline(s.otherTrainer.id)).status).toBe(403);
    const stranger = await makeUser();
    expect((await timeline(stranger.id)).status).toBe(403);

    const photoId = trainerView.data.visits[0].photos[0].id;
    const photo = async (userId: string) => outcome(async () => photoLoader(await args(`/visit-photos/${photoId}`, { userId, params: { photoId } })));
    const served = await photoLoader(await args(`/visit-photos/${photoId}`, { userId: s.owner.id, params: { photoId } }));
    expect(served.headers.get("Content-Type")).toBe("image/jpeg");
    expect(new Uint8Array(await served.arrayBuffer()).subarray(0, 3)).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));
    expect((await photo(s.otherTrainer.id)).status).toBe(403);
    expect((await photo(stranger.id)).status).toBe(403);
    expect((await outcome(async () => photoLoader(await args(`/visit-photos/nope`, { userId: s.trainer.id, params: { photoId: "nope" } })))).status).toBe(404);
  });
});

describe("numbers for screening", () => {
  it("gives each firm its visits as the screening engine reads them, with records months and follow-through", async () => {
    const s = await setUp();
    await post(s.firmId, s.trainer.id, visitForm({ recordsMonthsSeen: "1" }));
    const form = await outcome(async () => visitLoader(await args(`/firms/${s.firmId}/visits/new`, { userId: s.trainer.id, params: { firmId: s.firmId } })));
    const [a, b] = form.data.previous.actions as { id: string }[];
    await post(s.firmId, s.trainer.id, visitForm({ date: "2026-04-20", recordsMonthsSeen: "3", "item.five_s_sort": "2", [`outcome.${a!.id}`]: "done", [`outcome.${b!.id}`]: "not_done" }));

    const evidence = await coachingEvidence({ firmIds: [s.firmId, "no-such-firm"] });
    const firm = evidence.get(s.firmId)!;
    expect(firm.visits).toHaveLength(2);
    expect(firm.visits[0]!.date).toBe("2026-03-10");
    expect(firm.visits[0]!.checklist).toContainEqual({ itemKey: "five_s_sort", value: 1, max: 2 });
    expect(firm.visits[0]!.actions.map((x) => x.outcome).sort()).toEqual(["done", "not_done"]);
    expect(firm.recordsMonthsSeen).toBe(3);
    expect(firm.summary.latest).toBeCloseTo(4 / 5);
    expect(firm.summary.change).toBeCloseTo(1 / 5);
    expect(firm.summary.followThrough).toBe(0.5);
    expect(evidence.get("no-such-firm")).toEqual({ visits: [], recordsMonthsSeen: null, summary: { latest: null, baseline: null, change: null, followThrough: null, visits: 0 } });
  });
});

describe("photos are decoded and drawn again on the server", () => {
  const jpegHeaderThenScript = () => {
    // SOI, then a start-of-frame segment declaring 16 × 16 px: enough for a check of first bytes.
    const header = [0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9];
    return new Blob([new Uint8Array([...header, ...new TextEncoder().encode("<script>alert(document.cookie)</script>")])], { type: "image/jpeg" });
  };

  it("refuses files that only look like pictures, with the reason beside the photo, and stores nothing", async () => {
    const s = await setUp();
    for (const [name, file] of [
      ["JPEG header then a script", jpegHeaderThenScript()],
      ["PNG declaring 100000 × 100000 px", png(100_000, 100_000)],
      ["PNG header with no picture", png(800, 600)],
    ] as const) {
      const result = await post(s.firmId, s.trainer.id, visitForm({ "photo.0": file }));
      expect(result.status, name).toBe(400);
      expect(result.data.errors["photo.0"], name).toEqual(["coaching.errors.photoNotImage"]);
    }
    expect(await db.coachingVisit.count({ where: { firmId: s.firmId } })).toBe(0);
    expect(await db.visitPhotoData.count({ where: { photo: { visit: { firmId: s.firmId } } } })).toBe(0);
  });

  it("drops the phone's EXIF (GPS position) and caps the longest side at 1600 px", async () => {
    const s = await setUp();
    const withGps = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 40, g: 90, b: 160 } } })
      .jpeg()
      .withExif({ IFD0: { Make: "PhoneMaker", Model: "Phone 12" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "1/1 17/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "36/1 49/1 0/1" } })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const form = visitForm({ "photo.0": new Blob([new Uint8Array(withGps)], { type: "image/jpeg" }) });
    expect((await post(s.firmId, s.trainer.id, form)).status).toBe(302);
    const photo = await db.visitPhoto.findFirstOrThrow({ where: { visit: { clientId: form.clientId as string } }, include: { data: true } });
    expect([photo.width, photo.height]).toEqual([1600, 1200]);
    const stored = Buffer.from(photo.data!.data);
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["jpeg", 1600, 1200, undefined]);
    expect(stored.includes(Buffer.from("PhoneMaker"))).toBe(false);
    expect(photo.bytes).toBe(stored.byteLength);
  });

  it("keeps no photo of a visit whose transaction fails", async () => {
    const s = await setUp();
    const { saveVisit } = await import("~/modules/coaching/visits.server");
    const bytes = new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: "#888" } }).jpeg().toBuffer());
    const before = await db.visitPhotoData.count();
    await expect(
      saveVisit({
        clientId: crypto.randomUUID(),
        date: "2026-03-10",
        durationMinutes: 60,
        recordsMonthsSeen: null,
        notes: "",
        scores: [],
        actions: [],
        outcomes: [],
        photoKinds: ["before"],
        firmId: s.firmId,
        programmeId: s.programmeId,
        coachId: "no-such-coach",
        photos: [{ kind: "before", bytes, info: { mediaType: "image/jpeg", extension: "jpg", width: 64, height: 48 } }],
      } as never),
    ).rejects.toThrow();
    expect(await db.visitPhotoData.count()).toBe(before);
    expect(existsSync(uploadDir)).toBe(false);
  });
});
