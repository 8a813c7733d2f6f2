import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { action as scheduleAction, loader as cohortLoader } from "~/routes/attendance/cohort";
import { action as rollAction, loader as rollLoader } from "~/routes/attendance/roll-call";
import { loader as classesLoader } from "~/routes/attendance/classes";
import { loader as mineLoader } from "~/routes/attendance/mine";
import { makeProgramme, makeUser, outcome, routeArgs, unique } from "../support/fixtures";

/** A programme with a cohort of three owners (two firms), its trainer, a manager, and a class session. */
async function setUp() {
  const p = await makeProgramme();
  const secondFirm = await db.firm.create({
    data: { organisationId: p.organisationId, clusterId: p.clusterId, name: unique("Firm"), sector: "metalwork", workers: 3 },
    select: { id: true },
  });
  await db.enrolment.create({ data: { cohortId: p.cohortId, firmId: secondFirm.id } });
  const owners = [
    await makeUser({ name: "Amina Hassan", firmId: p.firmId, roles: [{ programmeId: p.programmeId, role: "owner" }] }),
    await makeUser({ name: "Baraka Otieno", firmId: p.firmId, roles: [{ programmeId: p.programmeId, role: "owner" }] }),
    await makeUser({ name: "Chausiku Njeri", firmId: secondFirm.id, roles: [{ programmeId: p.programmeId, role: "owner" }] }),
  ];
  const trainer = await makeUser({ name: "Peter Trainer", roles: [{ programmeId: p.programmeId, role: "trainer" }] });
  await db.cohortTrainer.create({ data: { cohortId: p.cohortId, userId: trainer.id } });
  const manager = await makeUser({ roles: [{ programmeId: p.programmeId, role: "manager" }] });
  const session = await db.classSession.create({
    data: { cohortId: p.cohortId, date: new Date("2026-02-03T00:00:00Z"), startTime: "09:00", endTime: "11:30", venue: "Hall", trainerId: trainer.id },
    select: { id: true },
  });
  return { ...p, secondFirmId: secondFirm.id, owners, trainer, manager, sessionId: session.id };
}

async function saveRoll(userId: string, sessionId: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return outcome(async () => {
    const args = (await routeArgs(`/sessions/${sessionId}`, { userId, form, params: { sessionId } })) as { request: Request };
    for (const [k, v] of Object.entries(headers)) args.request.headers.set(k, v);
    return rollAction(args as never);
  });
}

const marksOf = (sessionId: string) => db.attendance.findMany({ where: { sessionId }, orderBy: { personId: "asc" } });

describe("taking the roll", () => {
  it("saves the whole list at once, with who recorded each mark, and a plain form gets a redirect", async () => {
    const s = await setUp();
    const [a, b, c] = s.owners;
    const saved = await saveRoll(s.trainer.id, s.sessionId, { clientId: "11111111-aaaa", [`mark.${a!.id}`]: "present", [`mark.${b!.id}`]: "late", [`mark.${c!.id}`]: "absent" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/sessions/${s.sessionId}?saved=3`);
    const rows = await marksOf(s.sessionId);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.recordedById))).toEqual(new Set([s.trainer.id]));
    expect(rows.find((r) => r.personId === b!.id)).toMatchObject({ status: "late", source: "web" });

    const page = await outcome(async () => rollLoader(await routeArgs(`/sessions/${s.sessionId}`, { userId: s.trainer.id, params: { sessionId: s.sessionId } })));
    expect(page.status).toBe(200);
    expect(page.data.people.map((p: { name: string; status: string }) => [p.name, p.status])).toEqual(
      expect.arrayContaining([["Amina Hassan", "present"], ["Baraka Otieno", "late"], ["Chausiku Njeri", "absent"]]),
    );
  });

  it("answers a script's save with data instead of a redirect", async () => {
    const s = await setUp();
    const saved = await saveRoll(s.trainer.id, s.sessionId, { clientId: "22222222-aaaa", js: "1", [`mark.${s.owners[0]!.id}`]: "present" });
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({ ok: true, saved: 1 });
  });

  it("keeps the earlier value when a mark is corrected", async () => {
    const s = await setUp();
    const a = s.owners[0]!.id;
    await saveRoll(s.trainer.id, s.sessionId, { clientId: "first-save-1", [`mark.${a}`]: "absent" });
    await saveRoll(s.manager.id, s.sessionId, { clientId: "second-save-2", [`mark.${a}`]: "excused" });
    const [row] = await marksOf(s.sessionId);
    expect(row).toMatchObject({ status: "excused", recordedById: s.manager.id });
    const changes = await db.attendanceChange.findMany({ where: { attendanceId: row!.id }, orderBy: { recordedAt: "asc" } });
    expect(changes.map((c) => [c.previousStatus, c.status, c.recordedById])).toEqual([
      [null, "absent", s.trainer.id],
      ["absent", "excused", s.manager.id],
    ]);
  });

  it("never duplicates on replay, and two trainers keep the last mark with both in the audit", async () => {
    const s = await setUp();
    const second = await makeUser({ roles: [{ programmeId: s.programmeId, role: "trainer" }] });
    await db.cohortTrainer.create({ data: { cohortId: s.cohortId, userId: second.id } });
    const a = s.owners[0]!.id;
    const form = { clientId: "offline-submission-1", [`mark.${a}`]: "present", [`mark.${s.owners[2]!.id}`]: "late" };
    const replay = { "X-Kaizen-Outbox": "1" };
    const first = await saveRoll(s.trainer.id, s.sessionId, form, replay);
    expect(first.status).toBe(200);
    await saveRoll(second.id, s.sessionId, { clientId: "other-trainer-1", [`mark.${a}`]: "absent" });
    // The first phone's outbox sends its save twice more (the answer was lost on the way back).
    for (let i = 0; i < 2; i++) expect((await saveRoll(s.trainer.id, s.sessionId, form, replay)).status).toBe(200);
    const rows = await marksOf(s.sessionId);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.personId === a)).toMatchObject({ status: "absent", recordedById: second.id });
    expect(rows.find((r) => r.personId === s.owners[2]!.id)).toMatchObject({ status: "late", source: "offline" });
    const changes = await db.attendanceChange.findMany({ where: { attendance: { sessionId: s.sessionId, personId: a } }, orderBy: { recordedAt: "asc" } });
    expect(changes.map((c) => [c.status, c.recordedById])).toEqual([
      ["present", s.trainer.id],
      ["absent", second.id],
    ]);
  });

  it("refuses a mark for someone not enrolled, naming them, and writes nothing", async () => {
    const s = await setUp();
    const stranger = await makeUser({ name: "Somebody Else" });
    const result = await saveRoll(s.trainer.id, s.sessionId, { clientId: "stranger-save", [`mark.${s.owners[0]!.id}`]: "present", [`mark.${stranger.id}`]: "present" });
    expect(result.status).toBe(400);
    expect(result.data.errors.marks).toEqual(["attendance.notEnrolled"]);
    expect(result.data.people).toEqual(["Somebody Else"]);
    expect(await marksOf(s.sessionId)).toHaveLength(0);
    const bad = await saveRoll(s.trainer.id, s.sessionId, { clientId: "bad-status-1", [`mark.${s.owners[0]!.id}`]: "asleep" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.marks).toEqual(["attendance.badStatus"]);
    expect(await marksOf(s.sessionId)).toHaveLength(0);
  });

  it("refuses a trainer of another cohort or programme (403), an owner (403), and an unknown session (404)", async () => {
    const s = await setUp();
    const elsewhere = await setUp();
    const otherCohort = await db.cohort.create({ data: { programmeId: s.programmeId, name: unique("Other"), startsOn: new Date() }, select: { id: true } });
    const sameProgrammeTrainer = await makeUser({ roles: [{ programmeId: s.programmeId, role: "trainer" }] });
    await db.cohortTrainer.create({ data: { cohortId: otherCohort.id, userId: sameProgrammeTrainer.id } });
    const form = { clientId: "intruder-save", [`mark.${s.owners[0]!.id}`]: "present" };
    expect((await saveRoll(elsewhere.trainer.id, s.sessionId, form)).status).toBe(403);
    expect((await saveRoll(sameProgrammeTrainer.id, s.sessionId, form)).status).toBe(403);
    expect((await saveRoll(s.owners[0]!.id, s.sessionId, form)).status).toBe(403);
    const view = await outcome(async () => rollLoader(await routeArgs(`/sessions/${s.sessionId}`, { userId: elsewhere.trainer.id, params: { sessionId: s.sessionId } })));
    expect(view.status).toBe(403);
    const unknown = await outcome(async () => rollLoader(await routeArgs(`/sessions/nope`, { userId: s.trainer.id, params: { sessionId: "nope" } })));
    expect(unknown.status).toBe(404);
    expect(await marksOf(s.sessionId)).toHaveLength(0);
  });

  it("stores a paper sheet as such", async () => {
    const s = await setUp();
    await saveRoll(s.trainer.id, s.sessionId, { clientId: "paper-sheet-1", source: "paper", [`mark.${s.owners[0]!.id}`]: "present" });
    expect((await marksOf(s.sessionId))[0]).toMatchObject({ source: "paper" });
  });
});

describe("scheduling sessions and the figures", () => {
  it("lets the cohort's trainer schedule a session and refuses bad input beside the fields", async () => {
    const s = await setUp();
    const args = async (userId: string, form: Record<string, string | string[]>) =>
      routeArgs(`/cohorts/${s.cohortId}`, { userId, form, params: { cohortId: s.cohortId } });
    const ok = await outcome(async () =>
      scheduleAction(await args(s.trainer.id, { clientId: unique("schedule"), date: "2026-03-10", startTime: "09:00", endTime: "11:30", venue: "Community hall", modules: ["kaizen-mindset"], trainerId: s.trainer.id })),
    );
    expect(ok.status).toBe(302);
    const made = await db.classSession.findFirstOrThrow({ where: { cohortId: s.cohortId, venue: "Community hall" } });
    expect(made).toMatchObject({ startTime: "09:00", modules: "kaizen-mindset", trainerId: s.trainer.id });

    const before = await db.classSession.count({ where: { cohortId: s.cohortId } });
    const bad = await outcome(async () => scheduleAction(await args(s.trainer.id, { clientId: unique("schedule"), date: "2026-13-45", startTime: "9am", endTime: "11:30", venue: "H" })));
    expect(bad.status).toBe(400);
    expect(bad.data.result.error).toMatchObject({ date: ["attendance.badDate"], startTime: ["attendance.badTime"], venue: ["form.tooShort"] });
    const backwards = await outcome(async () => scheduleAction(await args(s.manager.id, { clientId: unique("schedule"), date: "2026-03-11", startTime: "12:00", endTime: "11:30", venue: "Hall" })));
    expect(backwards.data.result.error.endTime).toEqual(["attendance.endBeforeStart"]);
    const stranger = await outcome(async () =>
      scheduleAction(await args(s.manager.id, { clientId: unique("schedule"), date: "2026-03-11", startTime: "09:00", endTime: "11:30", venue: "Hall", trainerId: s.owners[0]!.id })),
    );
    expect(stranger.data.result.error.trainerId).toEqual(["attendance.trainerNotInCohort"]);
    expect(await db.classSession.count({ where: { cohortId: s.cohortId } })).toBe(before);

    const elsewhere = await setUp();
    const refused = await outcome(async () => scheduleAction(await args(elsewhere.trainer.id, { clientId: unique("schedule"), date: "2026-03-10", startTime: "09:00", endTime: "11:30", venue: "Hall" })));
    expect(refused.status).toBe(403);
  });

  it("shows rates per firm, flags firms below the threshold, and owners see their own record", async () => {
    const s = await setUp();
    const [a, b, c] = s.owners;
    const second = await db.classSession.create({ data: { cohortId: s.cohortId, date: new Date("2026-02-04T00:00:00Z"), startTime: "09:00", endTime: "11:30", venue: "Hall" } });
    await saveRoll(s.trainer.id, s.sessionId, { clientId: "figures-1", [`mark.${a!.id}`]: "present", [`mark.${b!.id}`]: "absent", [`mark.${c!.id}`]: "late" });
    await saveRoll(s.trainer.id, second.id, { clientId: "figures-2", [`mark.${a!.id}`]: "absent", [`mark.${b!.id}`]: "late", [`mark.${c!.id}`]: "absent" });
    const page = await outcome(async () => cohortLoader(await routeArgs(`/cohorts/${s.cohortId}`, { userId: s.trainer.id, params: { cohortId: s.cohortId } })));
    const firms = page.data.figures.firms as { id: string; rate: { rate: number }; flagged: boolean }[];
    expect(firms.find((f) => f.id === s.firmId)!.rate.rate).toBeCloseTo(0.75);
    expect(firms.find((f) => f.id === s.secondFirmId)).toMatchObject({ flagged: true, rate: { rate: 0.25 } });
    expect(firms.find((f) => f.id === s.firmId)!.flagged).toBe(false);
    expect(page.data.figures.series).toHaveLength(2);

    const mine = await outcome(async () => mineLoader(await routeArgs("/my-attendance", { userId: c!.id })));
    expect(mine.data.records[0].rate).toMatchObject({ attended: 0.5, counted: 2 });
  });
});

describe("the trainer's page", () => {
  it("shows today's sessions first, then the coming ones, of the trainer's own cohorts only", async () => {
    const s = await setUp();
    const elsewhere = await setUp();
    const now = new Date();
    const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));
    const today = await db.classSession.create({ data: { cohortId: s.cohortId, date: day(0), startTime: "09:00", endTime: "11:30", venue: "Today hall" } });
    const later = await db.classSession.create({ data: { cohortId: s.cohortId, date: day(3), startTime: "09:00", endTime: "11:30", venue: "Later hall" } });
    const tomorrow = await db.classSession.create({ data: { cohortId: s.cohortId, date: day(1), startTime: "14:00", endTime: "16:30", venue: "Tomorrow hall" } });
    const notMine = await db.classSession.create({ data: { cohortId: elsewhere.cohortId, date: day(0), startTime: "09:00", endTime: "11:30", venue: "Other hall" } });
    const page = await outcome(async () => classesLoader(await routeArgs("/classes", { userId: s.trainer.id })));
    expect(page.data.today.map((x: { id: string }) => x.id)).toEqual([today.id]);
    expect(page.data.upcoming.map((x: { id: string }) => x.id)).toEqual([tomorrow.id, later.id]);
    const all = [...page.data.today, ...page.data.upcoming, ...page.data.recent].map((x: { id: string }) => x.id);
    expect(all).not.toContain(notMine.id);
    expect(page.data.cohorts.map((c: { id: string }) => c.id)).toEqual([s.cohortId]);
  });
});
