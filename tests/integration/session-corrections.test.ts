// Class sessions: a double tap or a race stores one session, a repeating schedule is previewed
// then saved in one go, and corrections (reschedule, change, cancel, delete) each leave an audit
// row, refuse a stale form, and change the screening exactly as gathering from the records would.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { cancelSession, correctSession } from "~/modules/attendance/corrections.server";
import { scheduleSessions } from "~/modules/attendance/sessions.server";
import { gatheredProgrammeEvidence, programmeEvidence } from "~/modules/screening/evidence-store.server";
import { action as scheduleAction, loader as cohortLoader } from "~/routes/attendance/cohort";
import { loader as mineLoader } from "~/routes/attendance/mine";
import { action as editAction, loader as editLoader } from "~/routes/attendance/session-edit";
import { makeProgramme, makeUser, outcome, routeArgs, unique } from "../support/fixtures";
import { firmAt, makeScreenedProgramme } from "../support/screening";

/** A cohort with one owner, its trainer and a manager. */
async function setUp() {
  const p = await makeProgramme();
  const owner = await makeUser({ name: "Amina Hassan", firmId: p.firmId, roles: [{ programmeId: p.programmeId, role: "owner" }] });
  const trainer = await makeUser({ name: "Peter Trainer", roles: [{ programmeId: p.programmeId, role: "trainer" }] });
  await db.cohortTrainer.create({ data: { cohortId: p.cohortId, userId: trainer.id } });
  const manager = await makeUser({ roles: [{ programmeId: p.programmeId, role: "manager" }] });
  return { ...p, owner, trainer, manager };
}

const schedule = (cohortId: string, userId: string, form: Record<string, string | string[]>) =>
  outcome(async () => scheduleAction(await routeArgs(`/cohorts/${cohortId}`, { userId, form, params: { cohortId } })));
const edit = (sessionId: string, userId: string, form: Record<string, string | string[]>) =>
  outcome(async () => editAction(await routeArgs(`/sessions/${sessionId}/edit`, { userId, form, params: { sessionId } })));
const slot = { date: "2026-03-10", startTime: "09:00", endTime: "11:30", venue: "Community hall" };

async function mark(sessionId: string, personId: string, recordedById: string, status = "present") {
  await db.attendance.create({ data: { sessionId, personId, status, recordedById, recordedAt: new Date(), source: "web", clientId: unique("mark") } });
}

describe("scheduling a session once", () => {
  it("stores one session for a double tap, and refuses a second session at the same day and start time", async () => {
    const s = await setUp();
    const clientId = randomUUID();
    const first = await schedule(s.cohortId, s.trainer.id, { ...slot, clientId, modules: ["kaizen-mindset"] });
    const again = await schedule(s.cohortId, s.trainer.id, { ...slot, clientId, modules: ["kaizen-mindset"] });
    expect([first.status, again.status]).toEqual([302, 302]);
    expect(await db.classSession.count({ where: { cohortId: s.cohortId } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entity: "ClassSession", action: "classSession.schedule", programmeId: s.programmeId } })).toBe(1);

    const twin = await schedule(s.cohortId, s.trainer.id, { ...slot, venue: "Another hall", clientId: randomUUID() });
    expect(twin.status).toBe(400);
    expect(twin.data.result.error.startTime).toEqual(["corrections.errors.sessionExists"]);
    expect(await db.classSession.count({ where: { cohortId: s.cohortId } })).toBe(1);
  });

  it("lets only one of several racing requests store a session for a slot, by the unique index", async () => {
    const s = await setUp();
    const base = { cohortId: s.cohortId, programmeId: s.programmeId, actorId: s.trainer.id, ...slot, modules: [] };
    const racing = await Promise.all(Array.from({ length: 6 }, () => scheduleSessions({ ...base, clientId: randomUUID() })));
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => !r.ok).map((r) => !r.ok && r.problem)).toEqual(Array(5).fill("sessionExists"));

    const key = randomUUID();
    const taps = await Promise.all(Array.from({ length: 4 }, () => scheduleSessions({ ...base, date: "2026-03-11", clientId: key })));
    expect(taps.every((r) => r.ok)).toBe(true);
    expect(new Set(taps.flatMap((r) => (r.ok ? r.ids : [])))).toHaveProperty("size", 1);
    expect(await db.classSession.count({ where: { cohortId: s.cohortId } })).toBe(2);
  });

  it("tells the person what was saved and gives the next form a fresh key", async () => {
    const s = await setUp();
    const saved = await schedule(s.cohortId, s.trainer.id, { ...slot, clientId: randomUUID() });
    const location = new URL(saved.headers.get("Location")!, "http://localhost");
    const page = await outcome(async () => cohortLoader(await routeArgs(location.pathname + location.search, { userId: s.trainer.id, params: { cohortId: s.cohortId } })));
    expect(page.data.saved).toMatchObject({ count: 1, first: "2026-03-10", at: "09:00" });
    expect(page.data.formKey).toBe(location.searchParams.get("scheduled"));
  });
});

describe("a repeating schedule", () => {
  it("is previewed without writing, then saved in one go with the modules spread in order", async () => {
    const s = await setUp();
    const clientId = randomUUID();
    const form = { ...slot, clientId, count: "4", everyDays: "7", modules: ["kaizen-mindset", "seven-wastes", "5s-sort-and-set", "5s-shine-standardise-sustain", "layout-and-flow", "quality-basics"] };
    const preview = await schedule(s.cohortId, s.manager.id, form);
    expect(preview.status).toBe(200);
    expect(preview.data.preview.map((p: { date: string }) => p.date)).toEqual(["2026-03-10", "2026-03-17", "2026-03-24", "2026-03-31"]);
    expect(await db.classSession.count({ where: { cohortId: s.cohortId } })).toBe(0);

    const saved = await schedule(s.cohortId, s.manager.id, { ...form, intent: "confirm" });
    expect(saved.status).toBe(302);
    const made = await db.classSession.findMany({ where: { cohortId: s.cohortId }, orderBy: { date: "asc" }, select: { modules: true, startTime: true } });
    expect(made.map((m) => m.modules)).toEqual(["kaizen-mindset,seven-wastes", "5s-sort-and-set", "5s-shine-standardise-sustain,layout-and-flow", "quality-basics"]);
    expect(await db.auditEvent.count({ where: { programmeId: s.programmeId, action: "classSession.schedule" } })).toBe(4);

    // Sent again: nothing new. A series running into a taken slot: nothing at all.
    await schedule(s.cohortId, s.manager.id, { ...form, intent: "confirm" });
    const clash = await schedule(s.cohortId, s.manager.id, { ...form, date: "2026-03-03", clientId: randomUUID(), intent: "confirm" });
    expect(clash.status).toBe(400);
    expect(await db.classSession.count({ where: { cohortId: s.cohortId } })).toBe(4);
  });

  it("refuses a count outside 1 to 60 beside the field", async () => {
    const s = await setUp();
    const bad = await schedule(s.cohortId, s.manager.id, { ...slot, clientId: randomUUID(), count: "61", everyDays: "0" });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error).toMatchObject({ count: ["corrections.errors.badCount"], everyDays: ["corrections.errors.badEvery"] });
  });
});

describe("correcting a session", () => {
  async function withSession() {
    const s = await setUp();
    const made = await scheduleSessions({ cohortId: s.cohortId, programmeId: s.programmeId, actorId: s.trainer.id, ...slot, modules: ["kaizen-mindset"], clientId: randomUUID() });
    if (!made.ok) throw new Error("not scheduled");
    return { ...s, sessionId: made.ids[0]! };
  }
  const change = (over: Record<string, string | string[]> = {}) => ({ intent: "change", version: "0", ...slot, modules: ["kaizen-mindset"], ...over });

  it("reschedules and changes modules and venue, with who, when, before and after in the audit", async () => {
    const s = await withSession();
    const done = await edit(s.sessionId, s.trainer.id, change({ date: "2026-03-12", venue: "Workshop yard", modules: ["seven-wastes"] }));
    expect(done.status).toBe(302);
    expect(await db.classSession.findUniqueOrThrow({ where: { id: s.sessionId } })).toMatchObject({ venue: "Workshop yard", modules: "seven-wastes", version: 1 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: s.sessionId, action: "classSession.reschedule" } });
    expect(audit.actorId).toBe(s.trainer.id);
    expect(JSON.parse(audit.before!)).toMatchObject({ date: "2026-03-10", venue: "Community hall", modules: ["kaizen-mindset"], version: 0 });
    expect(JSON.parse(audit.after!)).toMatchObject({ date: "2026-03-12", venue: "Workshop yard", modules: ["seven-wastes"], version: 1 });

    // A form opened before that change is refused with what changed, and nothing is overwritten.
    const stale = await edit(s.sessionId, s.manager.id, change({ venue: "Old hall" }));
    expect(stale.status).toBe(409);
    expect(stale.data.stale).toEqual(
      expect.arrayContaining([
        { field: "date", before: "2026-03-10", now: "2026-03-12" },
        { field: "venue", before: "Community hall", now: "Workshop yard" },
      ]),
    );
    expect((await db.classSession.findUniqueOrThrow({ where: { id: s.sessionId } })).venue).toBe("Workshop yard");
  });

  it("refuses beside the field: a session with marks moved into the past, a taken slot, a trainer of another cohort (403)", async () => {
    const s = await withSession();
    await mark(s.sessionId, s.owner.id, s.trainer.id);
    const past = await correctSession({ actorId: s.trainer.id, programmeId: s.programmeId, sessionId: s.sessionId, version: 0, now: new Date("2026-03-11T08:00:00Z"), values: { ...slot, date: "2026-03-09", modules: [], trainerId: null } });
    expect(past).toMatchObject({ ok: false, field: "date", problem: "pastWithMarks" });
    await db.classSession.create({ data: { cohortId: s.cohortId, date: new Date("2036-03-20T00:00:00Z"), startTime: "09:00", endTime: "11:00", venue: "Hall" } });
    const taken = await edit(s.sessionId, s.trainer.id, change({ date: "2036-03-20" }));
    expect(taken.status).toBe(400);
    expect(taken.data.result.error.startTime).toEqual(["corrections.errors.sessionExists"]);

    const other = await setUp();
    expect((await edit(s.sessionId, other.trainer.id, change({ venue: "Elsewhere" }))).status).toBe(403);
    expect((await edit(s.sessionId, s.owner.id, change({ venue: "Elsewhere" }))).status).toBe(403);
    expect((await db.classSession.findUniqueOrThrow({ where: { id: s.sessionId } })).venue).toBe("Community hall");
  });

  it("deletes a session only while no roll was taken", async () => {
    const s = await withSession();
    await mark(s.sessionId, s.owner.id, s.trainer.id);
    const refused = await edit(s.sessionId, s.trainer.id, { intent: "delete", version: "0" });
    expect(refused.status).toBe(400);
    expect(refused.data.result.error[""]).toEqual(["corrections.errors.rollTaken"]);
    expect(await db.classSession.count({ where: { id: s.sessionId } })).toBe(1);

    const free = await withSession();
    const done = await edit(free.sessionId, free.trainer.id, { intent: "delete", version: "0" });
    expect(done.status).toBe(302);
    expect(await db.classSession.count({ where: { id: free.sessionId } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: free.sessionId, action: "classSession.delete" } });
    expect(JSON.parse(audit.before!)).toMatchObject({ date: "2026-03-10", venue: "Community hall" });
  });

  it("cancels with a reason: the session leaves every denominator and the owner's record says cancelled", async () => {
    const s = await withSession();
    const second = await scheduleSessions({ cohortId: s.cohortId, programmeId: s.programmeId, actorId: s.trainer.id, ...slot, date: "2026-03-11", modules: [], clientId: randomUUID() });
    if (!second.ok) throw new Error("not scheduled");
    await mark(s.sessionId, s.owner.id, s.trainer.id, "present");
    await mark(second.ids[0]!, s.owner.id, s.trainer.id, "absent");
    const mine = async () => (await outcome(async () => mineLoader(await routeArgs("/my-attendance", { userId: s.owner.id })))).data.records[0];
    expect((await mine()).rate).toMatchObject({ rate: 0.5, counted: 2 });

    const noReason = await edit(second.ids[0]!, s.trainer.id, { intent: "cancel", version: "0", reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.data.result.error.reason).toEqual(["form.required"]);
    const done = await edit(second.ids[0]!, s.trainer.id, { intent: "cancel", version: "0", reason: "Hall flooded" });
    expect(done.status).toBe(302);

    expect((await mine()).rate).toMatchObject({ rate: 1, counted: 1 });
    expect((await mine()).sessions.find((x: { id: string }) => x.id === second.ids[0]).cancelled).toBe(true);
    const page = await outcome(async () => cohortLoader(await routeArgs(`/cohorts/${s.cohortId}`, { userId: s.trainer.id, params: { cohortId: s.cohortId } })));
    expect(page.data.figures.heldCount).toBe(1);
    expect(page.data.sessions.find((x: { id: string }) => x.id === second.ids[0])).toMatchObject({ cancelReason: "Hall flooded" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: second.ids[0]!, action: "classSession.cancel" } });
    expect(JSON.parse(audit.after!)).toMatchObject({ cancelled: true, reason: "Hall flooded" });

    const form = await outcome(async () => editLoader(await routeArgs(`/sessions/${second.ids[0]}/edit`, { userId: s.trainer.id, params: { sessionId: second.ids[0]! } })));
    expect(form.data.session).toMatchObject({ cancelReason: "Hall flooded", version: 1 });
  });
});

describe("corrections and the screening evidence", () => {
  const NOW = new Date("2026-06-01T10:00:00Z");
  async function storedEqualsGathered(programmeId: string) {
    const stored = await programmeEvidence(db, programmeId, NOW);
    expect(JSON.parse(JSON.stringify(stored.evidence))).toEqual(JSON.parse(JSON.stringify((await gatheredProgrammeEvidence(db, programmeId, NOW)).evidence)));
    return stored;
  }

  it("raises the evidence version on a cancel or a reschedule, so the screening reads what the records say", async () => {
    const p = await makeScreenedProgramme([firmAt(0.3, "Low"), firmAt(0.7, "High")]);
    const sessions = await db.classSession.findMany({ where: { cohortId: p.cohortId }, orderBy: { date: "asc" }, select: { id: true } });
    const before = await storedEqualsGathered(p.programmeId);
    const held = (e: typeof before) => e.evidence.find((f) => f.attendance)?.attendance?.held;
    expect(held(before)).toBe(15);
    const versions = async () => (await db.firm.findMany({ where: { id: { in: p.firms.map((f) => f.firmId) } }, select: { evidenceVersion: true } })).map((f) => f.evidenceVersion);
    const was = await versions();

    const cancelled = await cancelSession({ actorId: p.manager.id, programmeId: p.programmeId, sessionId: sessions[0]!.id, version: 0, reason: "Public holiday", now: NOW });
    expect(cancelled.ok).toBe(true);
    expect((await versions()).every((v, i) => v > was[i]!)).toBe(true);
    const after = await storedEqualsGathered(p.programmeId);
    expect(after.gathered).toBe(3);
    expect(held(after)).toBe(14);

    // Moved after "now": the session is no longer held.
    const moved = await correctSession({ actorId: p.manager.id, programmeId: p.programmeId, sessionId: sessions[1]!.id, version: 0, now: new Date("2026-02-01T00:00:00Z"), values: { date: "2026-07-01", startTime: "09:00", endTime: "11:30", venue: "Hall", modules: [], trainerId: p.trainer.id } });
    expect(moved.ok).toBe(true);
    const later = await storedEqualsGathered(p.programmeId);
    expect(later.gathered).toBe(3);
    expect(held(later)).toBe(13);
  });
});
