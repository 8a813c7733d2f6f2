import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { postgresUrlFor, recreatePostgresDatabase, sqliteDir, sqliteTemplate, templateName, workerDatabaseName } from "./databases";

// Runs in each worker before its test files import the app: points DATABASE_URL at the
// worker's own copy of the template, so workers never see each other's rows.
const runId = inject("testRunId");
const worker = process.env.VITEST_POOL_ID ?? "1";
const provider = process.env.TEST_DATABASE_PROVIDER;
const key = `__kaizenTestDb_${runId}_${worker}`;
const globals = globalThis as Record<string, unknown>;

if (!globals[key]) {
  if (provider === "postgres") {
    const name = workerDatabaseName(runId, worker);
    await recreatePostgresDatabase(name, templateName(runId));
    process.env.DATABASE_URL = postgresUrlFor(name);
  } else {
    const file = path.join(sqliteDir(runId), `worker-${worker}.db`);
    if (!existsSync(file)) copyFileSync(sqliteTemplate(runId), file);
    process.env.DATABASE_URL = `file:${file}`;
  }
  globals[key] = process.env.DATABASE_URL;
} else {
  process.env.DATABASE_URL = globals[key] as string;
}
