// The stored screening evidence (screening/evidence-store.server.ts) must always say what the
// records say. Each writer behind the evidence is exercised through its own module, and after
// each one the stored evidence is compared with the evidence gathered from the records alone.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { saveRollCall } from "~/modules/attendance/roll-call.server";
import { CHECKLIST } from "~/modules/coaching/checklist";
import { saveVisit } from "~/modules/coaching/visits.server";
import { catalogue } from "~/modules/content/catalogue.server";
import { recordAttempt } from "~/modules/learning/learning.server";
import { issueInvitation, redeemInvitation } from "~/modules/people/invitations.server";
import { importRoster } from "~/modules/roster/roster-import.server";
import { addFirm } from "~/modules/roster/setup.server";
import { gatheredProgrammeEvidence, programmeEvidence, type ProgrammeEvidence } from "~/modules/screening/evidence-store.server";
import { firmAt, makeScreenedProgramme } from "../support/screening";

const NOW = new Date("2026-06-01T10:00:00Z");
const phone = () => `+2557${String(Math.floor(10_000_000 + Math.random() * 89_999_999))}`;

/** Comparable: checklist entries in key order (the store keeps them in checklist order). */
function plain(e: ProgrammeEvidence) {
  return {
    firms: e.firms,
    evidence: e.evidence.map((f) => ({
      ...f,
      visits: f.visits?.map((v) => ({ ...v, checklist: [...v.checklist].map((c) => ({ ...c })).sort((a, b) => a.itemKey.localeCompare(b.itemKey)), actions: v.actions.map((a) => ({ ...a })) })),
    })),
    counts: Object.fromEntries(e.counts),
  };
}

/** Reads the screening's evidence, checks it against the records, and says how many firms had to be gathered. */
async function gatheredNow(programmeId: string, now = NOW): Promise<number> {
  const stored = await programmeEvidence(db, programmeId, now);
  expect(plain(stored)).toEqual(plain(await gatheredProgrammeEvidence(db, programmeId, now)));
  return stored.gathered;
}

async function screened() {
  const p = await makeScreenedProgramme([firmAt(0.3, "Low"), firmAt(0.7, "High")]);
  const sessions = await db.classSession.findMany({ where: { cohortId: p.cohortId }, orderBy: { date: "asc" }, select: { id: true } });
  return { ...p, sessions };
}

describe("the stored screening evidence", () => {
  it("is gathered once, then read back while nothing behind it changes", async () => {
    const p = await screened();
    expect(await gatheredNow(p.programmeId)).toBe(3); // two firms with evidence, one without
    expect(await gatheredNow(p.programmeId)).toBe(0);
    expect(await db.screeningEvidence.count({ where: { programmeId: p.programmeId } })).toBe(3);
  });

  it("gathers the whole cohort again after a roll-call, since held sessions changed for every firm", async () => {
    const p = await screened();
    await gatheredNow(p.programmeId);
    const [low] = p.firms;
    const saved = await saveRollCall({
      sessionId: p.sessions[14]!.id,
      cohortId: p.cohortId,
      recordedById: p.trainer.id,
      clientId: randomUUID(),
      source: "web",
      marks: [{ personId: low!.ownerId, status: "present" }],
    });
    expect(saved.ok).toBe(true);
    expect(await gatheredNow(p.programmeId)).toBe(3);
    expect(await gatheredNow(p.programmeId)).toBe(0);
  });

  it("gathers a firm again after its owner takes a quiz or a coach records a visit", async () => {
    const p = await screened();
    await gatheredNow(p.programmeId);
    const [low, high] = p.firms;
    const module = catalogue()[4]!;
    const answers = Object.fromEntries(module.quiz.questions.map((q) => [q.id, q.answer]));
    expect((await recordAttempt({ userId: high!.ownerId, module, kind: "post", clientId: randomUUID(), answers })).ok).toBe(true);
    expect(await gatheredNow(p.programmeId)).toBe(1);

    await saveVisit({
      clientId: randomUUID(),
      firmId: low!.firmId,
      programmeId: p.programmeId,
      coachId: p.trainer.id,
      date: "2026-05-20",
      durationMinutes: 90,
      recordsMonthsSeen: 6,
      notes: "",
      scores: CHECKLIST.map((item) => ({ itemKey: item.key, value: item.max })),
      actions: ["Label the racks"],
      outcomes: [],
      photoKinds: [],
      photos: [],
    });
    expect(await gatheredNow(p.programmeId)).toBe(1);
    const low2 = (await programmeEvidence(db, p.programmeId, NOW)).evidence.find((e) => e.id === low!.firmId)!;
    expect(low2.visits).toHaveLength(3);
    expect(low2.recordsMonthsSeen).toBe(6);
  });

  it("gathers a firm again when it gains an owner, by invitation or by roster, and takes in new firms", async () => {
    const p = await screened();
    await gatheredNow(p.programmeId);

    // The firm without evidence gets an owner account through an invitation code.
    const issued = await issueInvitation({ programmeId: p.programmeId, role: "owner", name: "New Owner", cohortId: p.cohortId, firmId: p.emptyFirmId, issuedById: p.manager.id });
    if (!issued.ok) throw new Error(issued.problem);
    expect(await gatheredNow(p.programmeId)).toBe(0); // a code alone changes nothing
    const redeemed = await redeemInvitation({ code: issued.code, name: "New Owner", phone: phone(), password: "a long enough password", language: "sw" });
    expect(redeemed.ok).toBe(true);
    expect(await gatheredNow(p.programmeId)).toBe(1);

    // A roster line naming an existing firm adds a second owner to it.
    const cohort = await db.cohort.findUniqueOrThrow({ where: { id: p.cohortId }, select: { name: true } });
    const cluster = await db.cluster.findUniqueOrThrow({ where: { id: p.clusterId }, select: { name: true } });
    const csv = [
      "cohort,cluster,firm_name,sector,workers,founded_year,owner_name,owner_phone,owner_language,consent_date",
      `${cohort.name},${cluster.name},High,metalwork,4,2012,Second Owner,${phone()},en,`,
    ].join("\n");
    const imported = await importRoster(p.programmeId, csv, p.manager.id);
    expect(imported.ok).toBe(true);
    expect(await gatheredNow(p.programmeId)).toBe(1);

    const added = await addFirm(p.programmeId, p.manager.id, {
      name: "Fresh Firm",
      sector: "garment",
      clusterId: p.clusterId,
      cohortId: p.cohortId,
      ownerName: "Fresh Owner",
      ownerPhone: phone(),
      ownerLanguage: "en",
    });
    expect(added.ok).toBe(true);
    expect(await gatheredNow(p.programmeId)).toBe(1);
  });

  it("counts a session as held from its day on, with no write in between", async () => {
    const p = await makeScreenedProgramme([{ attendance: ["present", "absent"] }]);
    const later = await db.classSession.create({
      data: { cohortId: p.cohortId, date: new Date("2026-06-10T00:00:00Z"), startTime: "09:00", endTime: "11:00", venue: "Hall" },
      select: { id: true },
    });
    // The roll of a session dated ahead is taken early: it does not count until its day.
    await saveRollCall({ sessionId: later.id, cohortId: p.cohortId, recordedById: p.trainer.id, clientId: randomUUID(), source: "web", marks: [{ personId: p.firms[0]!.ownerId, status: "present" }] });
    await gatheredNow(p.programmeId, NOW);
    const before = await programmeEvidence(db, p.programmeId, NOW);
    expect(before.counts.get(p.firms[0]!.firmId)).toMatchObject({ sessionsHeld: 2, sessionsAttended: 1 });
    expect(before.gathered).toBe(0);

    const afterwards = new Date("2026-06-11T08:00:00Z");
    expect(await gatheredNow(p.programmeId, afterwards)).toBeGreaterThan(0);
    expect((await programmeEvidence(db, p.programmeId, afterwards)).counts.get(p.firms[0]!.firmId)).toMatchObject({ sessionsHeld: 3, sessionsAttended: 2 });
  });

  it("gathers again rows of another format or that cannot be read", async () => {
    const p = await screened();
    await gatheredNow(p.programmeId);
    await db.screeningEvidence.updateMany({ where: { programmeId: p.programmeId, firmId: p.firms[0]!.firmId }, data: { format: "0.old" } });
    await db.screeningEvidence.updateMany({ where: { programmeId: p.programmeId, firmId: p.firms[1]!.firmId }, data: { data: "{not json" } });
    expect(await gatheredNow(p.programmeId)).toBe(2);
  });
});
