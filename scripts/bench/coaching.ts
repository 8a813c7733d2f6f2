// Coaching (issue 5) figures for npm run bench: saving a visit through the server, and the
// practice figures of 10,000 firms with 5 visits each (in a child process on its own database).
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";

/** Posts full visits (20 items, 2 actions, last visit's outcomes) as the outbox would; median server time. */
export async function benchVisitSave(base: string, databaseFile: string, cookie: string, count = 30) {
  const db = new Database(databaseFile, { readonly: true });
  const trainer = db.prepare(`SELECT id FROM "User" WHERE phone = '254711000101'`).get() as { id: string };
  const firms = db
    .prepare(`SELECT e.firmId AS id FROM Enrolment e JOIN CohortTrainer t ON t.cohortId = e.cohortId WHERE t.userId = ? ORDER BY e.firmId LIMIT ?`)
    .all(trainer.id, count) as { id: string }[];
  const pendingOf = db.prepare(
    `SELECT a.id FROM ActionItem a WHERE a.outcome IS NULL AND a.visitId = (SELECT v.id FROM CoachingVisit v WHERE v.firmId = ? ORDER BY v.date DESC, v.createdAt DESC LIMIT 1)`,
  );
  const items = (await import("../../app/modules/coaching/checklist")).CHECKLIST;
  const times: number[] = [];
  let replay = 0;
  for (const firm of firms) {
    const form = new FormData();
    const clientId = crypto.randomUUID();
    form.set("clientId", clientId);
    form.set("date", new Date().toISOString().slice(0, 10));
    form.set("durationMinutes", "150");
    form.set("recordsMonthsSeen", "3");
    form.set("notes", "Bench visit");
    for (const item of items) form.set(`item.${item.key}`, String(item.max));
    form.set("action.0", "Mark a place for every tool");
    form.set("action.1", "Write daily sales in the book");
    for (const action of pendingOf.all(firm.id) as { id: string }[]) form.set(`outcome.${action.id}`, "done");
    const post = () => fetch(`${base}/firms/${firm.id}/visits/new`, { method: "POST", body: form, headers: { cookie, "X-Kaizen-Outbox": "1" } });
    const started = performance.now();
    const response = await post();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`saving a visit answered ${response.status}: ${await response.text()}`);
    const again = performance.now();
    await (await post()).arrayBuffer();
    replay += performance.now() - again;
  }
  db.close();
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!, replayMean: replay / times.length, count: times.length };
}

/** Runs scripts/bench/coaching-figures.ts on a scratch database and returns what it measured. */
export function benchPracticeFigures(): { firms: number; visits: number; median: number; fastest: number } {
  const run = spawnSync("npx", ["tsx", "scripts/bench/coaching-figures.ts"], {
    env: { ...process.env, DATABASE_URL: "file:./tmp/bench/coaching.db", LOG_LEVEL: "warn" },
    encoding: "utf8",
    maxBuffer: 10 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`practice figures benchmark failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!);
}
