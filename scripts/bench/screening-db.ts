// Screening (issue 6) benchmark from the database: a generated programme of 10,000 firms (15
// class sessions, 10 modules with pre- and post-tests, 5 coaching visits of 20 checklist items)
// written into a scratch SQLite file, then
//   - the time to gather the evidence and compute the screening of all firms, and
//   - the server time of the managers' ranked list page (its first 50 rows).
//   npx tsx scripts/bench/screening-db.ts [firms]     (run by npm run bench)
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import Database from "better-sqlite3";

const FIRMS = Number(process.argv[2] ?? 10_000);
const FILE = "tmp/bench/screening.db";
const PORT = Number(process.env.BENCH_SCREENING_PORT ?? 3398);
mkdirSync("tmp/bench", { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${FILE}${suffix}`, { force: true });
process.env.DATABASE_URL = `file:./${FILE}`;
process.env.LOG_LEVEL = "warn";
const migrated = spawnSync("npx", ["tsx", "scripts/db/migrate.ts"], { env: process.env, stdio: "ignore" });
if (migrated.status !== 0) throw new Error("could not migrate the scratch database");

const { CHECKLIST } = await import("../../app/modules/coaching/checklist");
const { packScores } = await import("../../app/modules/coaching/scoring");
const { makeSyntheticProgramme } = await import("../../app/modules/screening/engine.bench-data");

// Written with better-sqlite3 prepared statements in one transaction: Prisma's createMany managed
// under a thousand rows a second here, and the budget is about reading, not writing. Timestamps
// are stored as the app's adapter stores them (unixepoch-ms).
const generatedAt = performance.now();
const { firms } = makeSyntheticProgramme(FIRMS, 42);
const sqlite = new Database(FILE);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = OFF");
const insert = (table: string, columns: string[]) => {
  const statement = sqlite.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
  return (...values: unknown[]) => statement.run(...values);
};
const now = Date.now();
const counts = { sessions: 0, marks: 0, attempts: 0, visits: 0, scores: 0, actions: 0 };
const programmeId = "bench-programme";
const managerId = "bench-manager";
sqlite.transaction(() => {
  insert("Organisation", ["id", "name", "country", "createdAt"])("bench-org", "Bench agency", "KE", now);
  insert("Programme", ["id", "organisationId", "name", "startsOn", "createdAt"])(programmeId, "bench-org", "Bench programme", Date.UTC(2025, 0, 1), now);
  insert("User", ["id", "name", "username", "language", "isAdmin", "createdAt"])(managerId, "Bench manager", "bench.manager", "en", 0, now);
  insert("Membership", ["id", "userId", "programmeId", "role", "createdAt"])("bench-membership", managerId, programmeId, "manager", now);
  const cluster = insert("Cluster", ["id", "organisationId", "name", "town", "country", "sector", "createdAt"]);
  const clusters = new Set<string>();
  const cohort = insert("Cohort", ["id", "programmeId", "name", "startsOn", "createdAt"]);
  const cohorts = new Set<string>();
  const session = insert("ClassSession", ["id", "cohortId", "date", "startTime", "endTime", "venue", "modules", "createdAt"]);
  const firm = insert("Firm", ["id", "organisationId", "clusterId", "name", "sector", "createdAt"]);
  const enrolment = insert("Enrolment", ["id", "cohortId", "firmId", "createdAt"]);
  const user = insert("User", ["id", "name", "language", "isAdmin", "firmId", "createdAt"]);
  const mark = insert("Attendance", ["id", "sessionId", "personId", "status", "recordedById", "recordedAt", "source", "clientId"]);
  const attempt = insert("QuizAttempt", ["id", "clientId", "userId", "moduleSlug", "kind", "contentVersion", "correct", "total", "score", "createdAt"]);
  const visit = insert("CoachingVisit", ["id", "clientId", "programmeId", "firmId", "coachId", "date", "durationMinutes", "notes", "recordsMonthsSeen", "checklistPacked", "createdAt"]);
  const score = insert("ChecklistScore", ["visitId", "itemKey", "value"]);
  const action = insert("ActionItem", ["id", "visitId", "position", "text", "outcome"]);
  for (const f of firms) {
    const clusterId = `cluster-${f.country}-${f.sector}`;
    if (!clusters.has(clusterId)) {
      clusters.add(clusterId);
      cluster(clusterId, "bench-org", clusterId, "Town", f.country, f.sector, now);
    }
    if (!cohorts.has(f.cohortId)) {
      cohorts.add(f.cohortId);
      cohort(f.cohortId, programmeId, f.cohortId, Date.UTC(2025, 0, 6), now);
      for (let i = 0; i < 15; i++) session(`${f.cohortId}-s${i}`, f.cohortId, Date.UTC(2025, 0, 6 + i), "09:00", "11:30", "Hall", "", now);
      counts.sessions += 15;
    }
    firm(f.id, "bench-org", clusterId, `Firm ${f.id}`, f.sector, now);
    enrolment(`enrol-${f.id}`, f.cohortId, f.id, now);
    const ownerId = `owner-${f.id}`;
    user(ownerId, `Owner ${f.id}`, "en", 0, f.id, now);
    const a = f.attendance!;
    for (let i = 0; i < a.held; i++) {
      const status = i < a.attended ? "present" : i < a.attended + a.late ? "late" : i < a.attended + a.late + a.excused ? "excused" : "absent";
      mark(`${f.id}-m${i}`, `${f.cohortId}-s${i}`, ownerId, status, managerId, Date.UTC(2025, 1, 1), "web", `${f.id}-m${i}`);
      counts.marks += 1;
    }
    (f.quiz ?? []).forEach((q, m) => {
      const rows = [
        { kind: "pre", value: q.preTestScore ?? 0 },
        { kind: "post", value: q.postTestFirstScore ?? 0 },
        ...(q.postTestBestScore !== q.postTestFirstScore ? [{ kind: "post", value: q.postTestBestScore ?? 0 }] : []),
      ];
      rows.forEach((r, k) => {
        const id = `${f.id}-q${m}-${k}`;
        attempt(id, id, ownerId, q.moduleSlug, r.kind, "bench", Math.round(r.value * 10), 10, Math.round(r.value * 100), Date.UTC(2025, 1, 1 + m, k));
        counts.attempts += 1;
      });
    });
    (f.visits ?? []).forEach((v, k) => {
      const id = `${f.id}-v${k}`;
      const packed = packScores(v.checklist.map((c, i) => ({ itemKey: CHECKLIST[i]!.key, value: Math.min(c.value, CHECKLIST[i]!.max) })));
      visit(id, id, programmeId, f.id, managerId, Date.parse(`${v.date}T00:00:00Z`), 120, "", f.recordsMonthsSeen ?? null, packed, now);
      counts.visits += 1;
      // The synthetic items stand for the real checklist, item for item (both have 20).
      v.checklist.forEach((c, i) => {
        score(id, CHECKLIST[i]!.key, Math.min(c.value, CHECKLIST[i]!.max));
        counts.scores += 1;
      });
      v.actions.forEach((x, position) => {
        action(`${id}-a${position}`, id, position, "Action", x.outcome ?? null);
        counts.actions += 1;
      });
    });
  }
})();
sqlite.close();
console.log(
  `Screening bench database: ${FIRMS} firms, ${counts.sessions} sessions, ${counts.marks} marks, ${counts.attempts} quiz attempts, ${counts.visits} visits, ${counts.scores} checklist scores, ${counts.actions} actions (written in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s)`,
);

const { db, tuneSqlite } = await import("../../app/db/db.server");
await tuneSqlite(db);
const { programmeEvidence, gatheredProgrammeEvidence } = await import("../../app/modules/screening/evidence-store.server");
const { evidenceChanged } = await import("../../app/modules/roster/evidence-version.server");
const { screen } = await import("../../app/modules/screening/engine");
const { currentModel } = await import("../../app/modules/screening/screening.server");
const programme = { id: programmeId };
const manager = { id: managerId };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function screening(read: typeof programmeEvidence) {
  const started = performance.now();
  const [model, evidence] = await Promise.all([currentModel(db, programme.id), read(db, programme.id)]);
  const gathered = performance.now();
  screen(evidence.evidence, model, { comparisonGroup: "cohort" });
  return { evidence: gathered - started, engine: performance.now() - gathered, total: performance.now() - started, gathered: evidence.gathered };
}
const ms = (x: number) => `${x.toFixed(0)} ms`;

// 1. Everything from the records, as a new programme's first screening does (and then stores).
const first = await screening(programmeEvidence);
const fromRecords: number[] = [];
for (let i = 0; i < 3; i++) fromRecords.push((await screening(gatheredProgrammeEvidence)).total);
// 2. The usual case: every firm's evidence still current in the store.
const stored: { evidence: number; engine: number; total: number }[] = [];
for (let i = 0; i < 5; i++) stored.push(await screening(programmeEvidence));
// 3. After a roll-call in one cohort: that cohort's firms are gathered again.
const cohortOfFirst = firms[0]!.cohortId;
const afterRollCall: { total: number; gathered: number }[] = [];
for (let i = 0; i < 3; i++) {
  await evidenceChanged(db, { sessionId: `${cohortOfFirst}-s0` });
  afterRollCall.push(await screening(programmeEvidence));
}
const byTotal = (xs: { total: number }[]) => median(xs.map((x) => x.total));
console.log(`Screening of ${FIRMS} firms from SQLite (median of runs; the engine itself: ${ms(median(stored.map((x) => x.engine)))}):`);
console.log(`  evidence already stored, nothing changed:   ${ms(byTotal(stored))}  (reading the store ${ms(median(stored.map((x) => x.evidence)))})`);
console.log(`  after a roll-call (${afterRollCall[0]!.gathered} firms gathered again):  ${ms(byTotal(afterRollCall))}`);
console.log(`  all evidence gathered from the records:     ${ms(median(fromRecords))}  (a programme's first screening, storing it too: ${ms(first.total)})`);

// The page: a manager's session made as the app makes one (only the token's hash is stored).
const token = randomBytes(20).toString("hex");
await db.session.create({ data: { id: createHash("sha256").update(token).digest("hex"), userId: manager.id, expiresAt: new Date(Date.now() + 86_400_000) } });
await db.$disconnect();
const server = spawn(process.execPath, ["server.js"], { env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), SECURE_COOKIES: "0" }, stdio: "inherit" });
try {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://localhost:${PORT}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const page: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    const response = await fetch(`http://localhost:${PORT}/programmes/${programme.id}/screening`, { headers: { cookie: `kaizen_session=${token}` } });
    const body = await response.text();
    if (!response.ok || !body.includes("screening-table")) throw new Error(`the screening page answered ${response.status}`);
    bytes = body.length;
    if (i > 0) page.push(performance.now() - started);
  }
  console.log(`Screening page, first 50 of ${FIRMS} firms: median ${median(page).toFixed(0)} ms (HTML ${(bytes / 1024).toFixed(0)} KB)`);
} finally {
  server.kill();
}
