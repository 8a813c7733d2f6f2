import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { postgresUrlFor, recreatePostgresDatabase, SQLITE_DIR, SQLITE_TEMPLATE, TEMPLATE_NAME } from "./databases";

// Runs in each worker before its test files import the app: points DATABASE_URL at the
// worker's own copy of the template, so workers never see each other's rows.
const worker = process.env.VITEST_POOL_ID ?? "1";
const provider = process.env.TEST_DATABASE_PROVIDER;
const key = `__kaizenTestDb_${worker}`;
const globals = globalThis as Record<string, unknown>;

if (!globals[key]) {
  if (provider === "postgres") {
    const name = `kaizen_test_w${worker}`;
    await recreatePostgresDatabase(name, TEMPLATE_NAME);
    process.env.DATABASE_URL = postgresUrlFor(name);
  } else {
    const file = path.join(SQLITE_DIR, `worker-${worker}.db`);
    if (!existsSync(file)) copyFileSync(SQLITE_TEMPLATE, file);
    process.env.DATABASE_URL = `file:${file}`;
  }
  globals[key] = process.env.DATABASE_URL;
} else {
  process.env.DATABASE_URL = globals[key] as string;
}
