import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { saveRollCall } from "~/modules/attendance/roll-call.server";
import type { AttendanceStatus } from "~/modules/attendance/rates";
import { catalogue } from "~/modules/content/catalogue.server";
import { action as quizAction } from "~/routes/learning/quiz";
import { makeProgramme, makeUser, outcome, routeArgs } from "../support/fixtures";

// "Only one" rules held by the database itself, under requests that arrive at the same moment
// (on PostgreSQL they run on separate connections, as two app processes would).

const module = catalogue()[0]!;

function answers(): Record<string, string> {
  return Object.fromEntries(module.quiz.questions.map((q) => [`q.${q.id}`, q.answer]));
}

async function submitPreTest(userId: string) {
  const args: any = await routeArgs(`/lessons/${module.slug}/quiz/pre`, {
    userId,
    form: { clientId: randomUUID(), module: module.slug, ...answers() },
    params: { slug: module.slug, kind: "pre" },
  });
  return outcome(() => quizAction(args));
}

describe("one pre-test per owner and module", () => {
  it("stores one of ten different pre-test submissions sent at once, and refuses the rest with the reason", async () => {
    const p = await makeProgramme();
    const user = await makeUser({ firmId: p.firmId, roles: [{ programmeId: p.programmeId, role: "owner" }] });
    const results = await Promise.all(Array.from({ length: 10 }, () => submitPreTest(user.id)));
    const stored = await db.quizAttempt.findMany({ where: { userId: user.id, moduleSlug: module.slug, kind: "pre" } });
    expect(stored).toHaveLength(1);
    const refused = results.filter((r) => r.status === 400);
    expect(refused).toHaveLength(9);
    for (const r of refused) expect(r.data.formError).toBe("learning.preTestTaken");
  });
});

/**
 * Whether the log can be read as one sequence of changes, each starting from the previous one's
 * value, from "no mark" to `final`: an Euler path in the graph whose edges are the changes
 * (degrees balance, and every change is reachable from the start).
 */
function logIsOneSequence(changes: { previousStatus: string | null; status: string }[], final: string): boolean {
  const START = "(none)";
  const balance = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const c of changes) {
    const from = c.previousStatus ?? START;
    balance.set(from, (balance.get(from) ?? 0) + 1);
    balance.set(c.status, (balance.get(c.status) ?? 0) - 1);
    next.set(from, [...(next.get(from) ?? []), c.status]);
  }
  for (const [node, b] of balance) {
    const expected = (node === START ? 1 : 0) + (node === final ? -1 : 0);
    if (b !== expected) return false;
  }
  const reached = new Set([START]);
  const queue = [START];
  while (queue.length > 0) for (const n of next.get(queue.pop()!) ?? []) if (!reached.has(n)) (reached.add(n), queue.push(n));
  return changes.every((c) => reached.has(c.status));
}

describe("a roll-call saved by several people at the same moment", () => {
  it("leaves the current mark equal to the last change in the log, every change starting from the value before it", async () => {
    const p = await makeProgramme();
    const owner = await makeUser({ firmId: p.firmId, roles: [{ programmeId: p.programmeId, role: "owner" }] });
    const trainer = await makeUser({ roles: [{ programmeId: p.programmeId, role: "trainer" }] });
    const session = await db.classSession.create({
      data: { cohortId: p.cohortId, date: new Date("2026-02-03T00:00:00Z"), startTime: "09:00", endTime: "11:00", venue: "Hall", trainerId: trainer.id },
      select: { id: true },
    });
    const save = (status: AttendanceStatus) =>
      saveRollCall({ sessionId: session.id, cohortId: p.cohortId, recordedById: trainer.id, clientId: randomUUID(), source: "web", marks: [{ personId: owner.id, status }] });
    await save("present");
    for (let round = 0; round < 3; round++) {
      const statuses: AttendanceStatus[] = ["late", "absent", "excused", "present", "late", "absent", "excused", "present"];
      const results = await Promise.all(statuses.map((s) => save(s)));
      expect(results.every((r) => r.ok)).toBe(true);
    }
    const mark = await db.attendance.findUniqueOrThrow({ where: { sessionId_personId: { sessionId: session.id, personId: owner.id } } });
    const log = await db.attendanceChange.findMany({ where: { attendanceId: mark.id }, select: { previousStatus: true, status: true, clientId: true } });
    expect(log).toHaveLength(25);
    expect(logIsOneSequence(log, mark.status)).toBe(true);
    // The mark carries the client id of a change that set its value.
    expect(log.find((c) => c.clientId === mark.clientId)?.status).toBe(mark.status);
  });
});
