// Practice figures for 10,000 firms with 5 coaching visits each (20 checklist items, 2-3 actions
// per visit), read from a real SQLite database the way the screening will read them. Run by
// scripts/bench/index.ts in its own process (DATABASE_URL points at a scratch file); prints JSON.
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { sqliteFilePath } from "../../app/db/provider";

const databaseUrl = process.env.DATABASE_URL ?? "file:./tmp/bench/coaching.db";
process.env.DATABASE_URL = databaseUrl;
const file = sqliteFilePath(databaseUrl);
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });

const { applyMigrations } = await import("../../app/db/migrate.server");
await applyMigrations(databaseUrl);
const { CHECKLIST } = await import("../../app/modules/coaching/checklist");
const { seededRandom } = await import("../../app/modules/demo/random");
const { packScores } = await import("../../app/modules/coaching/scoring");

const FIRMS = 10_000;
const VISITS = 5;
const random = seededRandom(99);
const raw = new Database(file);
raw.pragma("journal_mode = WAL");
const now = Date.now();
raw.transaction(() => {
  raw.prepare(`INSERT INTO Organisation (id, name, country, createdAt) VALUES ('o', 'Bench agency', 'KE', ?)`).run(now);
  raw.prepare(`INSERT INTO Programme (id, organisationId, name, languages, startsOn, createdAt) VALUES ('p', 'o', 'Bench', 'en', ?, ?)`).run(Date.parse("2026-01-01"), now);
  raw.prepare(`INSERT INTO Cluster (id, organisationId, name, town, country, sector, createdAt) VALUES ('c', 'o', 'Bench cluster', 'Nairobi', 'KE', 'metalwork', ?)`).run(now);
  raw.prepare(`INSERT INTO "User" (id, name, language, isAdmin, createdAt) VALUES ('coach', 'Coach', 'en', 0, ?)`).run(now);
  const firm = raw.prepare(`INSERT INTO Firm (id, organisationId, clusterId, name, sector, createdAt) VALUES (?, 'o', 'c', ?, 'metalwork', ?)`);
  const visit = raw.prepare(`INSERT INTO CoachingVisit (id, clientId, programmeId, firmId, coachId, date, durationMinutes, notes, recordsMonthsSeen, checklistPacked, createdAt) VALUES (?, ?, 'p', ?, 'coach', ?, 150, '', ?, ?, ?)`);
  const score = raw.prepare(`INSERT INTO ChecklistScore (visitId, itemKey, value) VALUES (?, ?, ?)`);
  const action = raw.prepare(`INSERT INTO ActionItem (id, visitId, position, text, outcome, reviewedAtVisitId) VALUES (?, ?, ?, 'An agreed action', ?, ?)`);
  for (let f = 0; f < FIRMS; f++) {
    const firmId = `f${f}`;
    firm.run(firmId, `Firm ${f}`, now);
    const level = 0.2 + random.next() * 0.2;
    const actions: unknown[][] = [];
    for (let v = 0; v < VISITS; v++) {
      const visitId = `${firmId}v${v}`;
      const scores = CHECKLIST.map((item) => ({ itemKey: item.key, value: Math.round(Math.min(1, level + v * 0.04) * item.max * random.next() * 1.6) % (item.max + 1) }));
      visit.run(visitId, visitId, firmId, Date.parse("2026-03-01") + v * 35 * 86_400_000, v, packScores(scores), now);
      for (const s of scores) score.run(visitId, s.itemKey, s.value);
      for (let a = 0; a < 2 + (v % 2); a++) actions.push([`${visitId}a${a}`, visitId, a, v < VISITS - 1 ? random.pick(["done", "partly", "not_done"]) : null, v < VISITS - 1 ? `${firmId}v${v + 1}` : null]);
    }
    // After the firm's visits: an action points at the later visit that reviewed it.
    for (const row of actions) action.run(...row);
  }
})();
raw.close();

const { coachingEvidence } = await import("../../app/modules/coaching/screening-evidence.server");
const { db } = await import("../../app/db/db.server");
const times: number[] = [];
let firms = 0;
for (let i = 0; i < 4; i++) {
  const started = performance.now();
  const evidence = await coachingEvidence({ programmeId: "p" });
  times.push(performance.now() - started);
  firms = evidence.size;
}
await db.$disconnect();
if (process.env.KEEP !== "1") rmSync(file, { force: true });
const sorted = times.slice(1).sort((a, b) => a - b);
console.log(JSON.stringify({ firms, visits: FIRMS * VISITS, median: sorted[1], fastest: sorted[0] }));
