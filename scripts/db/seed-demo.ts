// Loads the demo programme into DATABASE_URL (default file:./data/app.db), after applying the
// migrations. Does nothing when a demo programme is already there; DEMO_RESET=1 starts an SQLite
// demo database afresh.
import { rmSync } from "node:fs";
import { providerOf, sqliteFilePath } from "../../app/db/provider";

const databaseUrl = process.env.DATABASE_URL ?? "file:./data/app.db";
process.env.DATABASE_URL = databaseUrl;

if (process.env.DEMO_RESET === "1") {
  if (providerOf(databaseUrl) !== "sqlite") {
    console.error("DEMO_RESET only resets an SQLite file. On PostgreSQL, drop and create the database yourself.");
    process.exit(1);
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${sqliteFilePath(databaseUrl)}${suffix}`, { force: true });
}

const { applyMigrations } = await import("../../app/db/migrate.server");
const { applied } = await applyMigrations(databaseUrl);
if (applied.length) console.log(`Applied ${applied.length} migration(s).`);

const { db } = await import("../../app/db/db.server");
const { generateDemoProgramme } = await import("../../app/modules/demo/demo-programme");
const { hasDemoProgramme, loadDemoProgramme } = await import("../../app/modules/demo/load-demo.server");

try {
  if (await hasDemoProgramme(db)) {
    console.log("The demo programme is already loaded (DEMO_RESET=1 loads it afresh).");
  } else {
    const started = performance.now();
    const demo = generateDemoProgramme();
    await loadDemoProgramme(db, demo);
    console.log(
      `Loaded the demo programme: ${demo.cohorts.length} cohorts, ${demo.firms.length} firms, ${demo.people.length} people (${Math.round(performance.now() - started)} ms).`,
    );
    console.log("Demo accounts (password: kaizen-demo):");
    for (const account of demo.accounts) console.log(`  ${account.role.padEnd(8)} ${account.signIn.padEnd(28)} ${account.name}`);
  }
} finally {
  await db.$disconnect();
}
