// Working in bulk, measured on a scratch SQLite file of 10,000 firms (one owner each, with a
// phone, and their class attendance from the synthetic programme the screening benchmarks use):
//   - deciding for the top 1,000 firms of a comparison group of 10,000 in one step (one
//     screening run, 1,000 decisions with their snapshots and audit rows); target under 2 s;
//   - a staff search over the 10,000 firms, by name and by phone; target under 50 ms.
//   npx tsx scripts/bench/bulk.ts [firms]     (run by npm run bench)
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import Database from "better-sqlite3";

const FIRMS = Number(process.argv[2] ?? 10_000);
const FILE = "tmp/bench/bulk.db";
mkdirSync("tmp/bench", { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${FILE}${suffix}`, { force: true });
process.env.DATABASE_URL = `file:./${FILE}`;
process.env.LOG_LEVEL = "warn";
const migrated = spawnSync("npx", ["tsx", "scripts/db/migrate.ts"], { env: process.env, stdio: "ignore" });
if (migrated.status !== 0) throw new Error("could not migrate the scratch database");

const { makeSyntheticProgramme } = await import("../../app/modules/screening/engine.bench-data");
const { firms } = makeSyntheticProgramme(FIRMS, 42);
const sqlite = new Database(FILE);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = OFF");
const insert = (table: string, columns: string[]) => {
  const statement = sqlite.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
  return (...values: unknown[]) => statement.run(...values);
};
const now = Date.now();
const programmeId = "bench-programme";
const managerId = "bench-manager";
sqlite.transaction(() => {
  insert("Organisation", ["id", "name", "country", "createdAt"])("bench-org", "Bench agency", "KE", now);
  insert("Programme", ["id", "organisationId", "name", "startsOn", "createdAt"])(programmeId, "bench-org", "Bench programme", Date.UTC(2025, 0, 1), now);
  insert("User", ["id", "name", "username", "language", "isAdmin", "createdAt"])(managerId, "Bench manager", "bench.manager", "en", 0, now);
  insert("Membership", ["id", "userId", "programmeId", "role", "createdAt"])("bench-membership", managerId, programmeId, "manager", now);
  // One cluster, one sector: the 10,000 firms make one country-and-sector comparison group.
  insert("Cluster", ["id", "organisationId", "name", "town", "country", "sector", "createdAt"])("bench-cluster", "bench-org", "Bench cluster", "Town", "KE", "metalwork", now);
  const cohort = insert("Cohort", ["id", "programmeId", "name", "startsOn", "createdAt"]);
  const cohorts = new Set<string>();
  const session = insert("ClassSession", ["id", "cohortId", "date", "startTime", "endTime", "venue", "modules", "createdAt"]);
  const firm = insert("Firm", ["id", "organisationId", "clusterId", "name", "sector", "createdAt"]);
  const enrolment = insert("Enrolment", ["id", "cohortId", "firmId", "createdAt"]);
  const user = insert("User", ["id", "name", "phone", "language", "isAdmin", "firmId", "createdAt"]);
  const mark = insert("Attendance", ["id", "sessionId", "personId", "status", "recordedById", "recordedAt", "source", "clientId"]);
  firms.forEach((f, n) => {
    if (!cohorts.has(f.cohortId)) {
      cohorts.add(f.cohortId);
      cohort(f.cohortId, programmeId, f.cohortId, Date.UTC(2025, 0, 6), now);
      for (let i = 0; i < 15; i++) session(`${f.cohortId}-s${i}`, f.cohortId, Date.UTC(2025, 0, 6 + i), "09:00", "11:30", "Hall", "", now);
    }
    firm(f.id, "bench-org", "bench-cluster", `Firm ${f.id} Welding`, "metalwork", now);
    enrolment(`enrol-${f.id}`, f.cohortId, f.id, now);
    const ownerId = `owner-${f.id}`;
    user(ownerId, `Owner ${n}`, `2547${String(10_000_000 + n)}`, "en", 0, f.id, now);
    const a = f.attendance!;
    for (let i = 0; i < a.held; i++) {
      const status = i < a.attended ? "present" : i < a.attended + a.late ? "late" : i < a.attended + a.late + a.excused ? "excused" : "absent";
      mark(`${f.id}-m${i}`, `${f.cohortId}-s${i}`, ownerId, status, managerId, Date.UTC(2025, 1, 1), "web", `${f.id}-m${i}`);
    }
  });
})();
sqlite.close();

const { db, tuneSqlite } = await import("../../app/db/db.server");
await tuneSqlite(db);
const { decideTop } = await import("../../app/modules/screening/bulk-selection.server");
const { groupKey } = await import("../../app/modules/screening/bulk-selection");
const { searchFirms } = await import("../../app/modules/people/search.server");
const { parseSearch } = await import("../../app/modules/people/search");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const scope = { kind: "group" as const, key: groupKey("KE", "metalwork") };

// A programme's first screening also gathers and stores every firm's evidence; the second is the usual case.
const timed = async (decision: "selected" | "waitlisted") => {
  const started = performance.now();
  const outcome = await decideTop(db, { programmeId, scope, count: 1000, decision, reason: "Bench", userId: managerId });
  if (!outcome.ok || outcome.decided.length !== 1000) throw new Error("the bulk selection did not decide 1,000 firms");
  return performance.now() - started;
};
const cold = await timed("selected");
const warm = await timed("waitlisted");
console.log(`Bulk selection of the top 1,000 of ${FIRMS.toLocaleString("en")} firms (one screening run, 1,000 decisions and audit rows): ${warm.toFixed(0)} ms (first of the programme, gathering all evidence: ${cold.toFixed(0)} ms; target under 2 s)`);

const manager = { id: managerId, name: "", language: "en", isAdmin: false, firmId: null, memberships: [{ programmeId, programmeName: "", role: "manager" as const }] };
for (const [label, text] of [
  ["by name", "owner 7777"],
  ["by firm name, many matches", "welding"],
  ["by phone, written the local way", "0710 007 777"],
] as const) {
  const query = parseSearch(text)!;
  await searchFirms(manager, query);
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    found = (await searchFirms(manager, query)).firms.length;
    times.push(performance.now() - started);
  }
  console.log(`Search over ${FIRMS.toLocaleString("en")} firms ${label} ("${text}", ${found} shown): median ${median(times).toFixed(1)} ms (target under 50 ms)`);
}
await db.$disconnect();
