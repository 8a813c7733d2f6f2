// Class delivery (issue 3) figures for npm run bench: saving a 50-person roll-call through the
// running server, and computing attendance rates for 10,000 firms with 15 sessions each.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { type AttendanceStatus, cohortRates } from "../../app/modules/attendance/rates";

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A cohort of 50 firms (one owner each) taught by the demo's Kariobangi trainer, and one class session. */
function makeRollOf50(dbFile: string): { sessionId: string; people: string[] } {
  const db = new Database(dbFile);
  try {
    const trainer = db.prepare(`SELECT id FROM "User" WHERE phone = '254711000101'`).get() as { id: string };
    const cohort = db.prepare(`SELECT c.id, c.programmeId FROM "Cohort" c JOIN "CohortTrainer" t ON t.cohortId = c.id WHERE t.userId = ?`).get(trainer.id) as { id: string; programmeId: string };
    const cluster = db.prepare(`SELECT id, organisationId FROM "Cluster" LIMIT 1`).get() as { id: string; organisationId: string };
    const now = Date.now();
    const cohortId = `bench_${randomUUID()}`;
    db.prepare(`INSERT INTO "Cohort" (id, programmeId, name, startsOn, createdAt) VALUES (?, ?, ?, ?, ?)`).run(cohortId, cohort.programmeId, `Bench ${cohortId}`, now, now);
    db.prepare(`INSERT INTO "CohortTrainer" (cohortId, userId, createdAt) VALUES (?, ?, ?)`).run(cohortId, trainer.id, now);
    const people: string[] = [];
    const write = db.transaction(() => {
      for (let i = 0; i < 50; i++) {
        const firmId = randomUUID();
        const userId = randomUUID();
        db.prepare(`INSERT INTO "Firm" (id, organisationId, clusterId, name, sector, createdAt) VALUES (?, ?, ?, ?, 'metalwork', ?)`).run(firmId, cluster.organisationId, cluster.id, `Bench firm ${i}`, now);
        db.prepare(`INSERT INTO "Enrolment" (id, cohortId, firmId, createdAt) VALUES (?, ?, ?, ?)`).run(randomUUID(), cohortId, firmId, now);
        db.prepare(`INSERT INTO "User" (id, name, language, isAdmin, firmId, createdAt) VALUES (?, ?, 'sw', 0, ?, ?)`).run(userId, `Bench owner ${i}`, firmId, now);
        people.push(userId);
      }
    });
    write();
    const sessionId = `bench_${randomUUID()}`;
    db.prepare(`INSERT INTO "ClassSession" (id, cohortId, date, startTime, endTime, venue, modules, createdAt) VALUES (?, ?, ?, '09:00', '11:30', 'Bench hall', '', ?)`).run(sessionId, cohortId, now, now);
    return { sessionId, people };
  } finally {
    db.close();
  }
}

/** Median and p95 of saving the whole roll (every mark changing), and of replaying a save already applied. */
export async function benchRollCall(base: string, dbFile: string, trainerCookie: string, count = 30) {
  const { sessionId, people } = makeRollOf50(dbFile);
  const statuses: AttendanceStatus[] = ["present", "late", "absent", "excused"];
  const save = async (clientId: string, round: number, replay = false) => {
    const body = new FormData();
    body.set("clientId", clientId);
    people.forEach((id, i) => body.set(`mark.${id}`, statuses[(i + round) % 4]!));
    const started = performance.now();
    const response = await fetch(`${base}/sessions/${sessionId}`, { method: "POST", body, redirect: "manual", headers: { cookie: trainerCookie, ...(replay ? { "X-Kaizen-Outbox": "1" } : {}) } });
    await response.arrayBuffer();
    if (response.status !== 302 && response.status !== 200) throw new Error(`roll-call save answered ${response.status}`);
    return performance.now() - started;
  };
  await save(randomUUID(), 99);
  const fresh: number[] = [];
  const replays: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    fresh.push(await save(id, i));
    replays.push(await save(id, i, true));
  }
  fresh.sort((a, b) => a - b);
  replays.sort((a, b) => a - b);
  return { median: percentile(fresh, 50), p95: percentile(fresh, 95), replayMedian: percentile(replays, 50) };
}

/** 10,000 firms (one owner each, a tenth with a second owner) and 15 held sessions: every figure at once. */
export function benchAttendanceRates(firms = 10_000, sessionsCount = 15) {
  const sessions = Array.from({ length: sessionsCount }, (_, i) => ({ id: `s${i}`, date: new Date(Date.UTC(2026, 1, 2 + i)) }));
  const people: { id: string; firmId: string }[] = [];
  for (let f = 0; f < firms; f++) {
    people.push({ id: `p${f}`, firmId: `f${f}` });
    if (f % 10 === 0) people.push({ id: `q${f}`, firmId: `f${f}` });
  }
  const statuses: AttendanceStatus[] = ["present", "present", "present", "late", "absent", "excused"];
  let seed = 7;
  const marks = sessions.flatMap((s) => people.map((p) => ({ sessionId: s.id, personId: p.id, status: statuses[(seed = (seed * 1103515245 + 12345) % 2147483648) % statuses.length]! })));
  const now = new Date(Date.UTC(2026, 5, 1));
  cohortRates({ sessions, marks, people, now });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    cohortRates({ sessions, marks, people, now });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), fastest: times[0]!, marks: marks.length };
}
