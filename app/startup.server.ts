import { applyMigrations } from "~/db/migrate.server";
import { isDatabaseUnreachable } from "~/db/reachable";
import { databaseProvider, db, tuneSqlite } from "~/db/db.server";
import { env } from "~/env.server";
import { log } from "~/log.server";

let ready = false;

/** Whether the database has been prepared (migrations in) since this process started. */
export function databaseReady(): boolean {
  return ready;
}

/**
 * Runs once when the server starts: the environment is checked, the database gets any pending
 * migrations (no network needed: docs/decisions/0003-two-databases.md), SQLite is put in WAL mode.
 */
export async function startup(): Promise<void> {
  const { DATABASE_URL } = env();
  const started = performance.now();
  const { applied } = await applyMigrations(DATABASE_URL);
  if (databaseProvider === "sqlite") await tuneSqlite(db);
  ready = true;
  log.info("database ready", {
    provider: databaseProvider,
    migrationsApplied: applied,
    ms: Math.round(performance.now() - started),
  });
}

/** Where the database is, for an operator, without the password. */
export function databaseWhere(url = env().DATABASE_URL): string {
  if (databaseProvider !== "postgres") return url.replace(/^file:/, "");
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}

let attempt: Promise<boolean> | null = null;
let failures = 0;
let nextAttemptAt = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * One attempt at preparing the database (shared by everyone asking meanwhile), unless the back-off
 * says to wait: requests arriving during an outage do not hammer the database. True when it is ready.
 */
export function retryStartupNow(): Promise<boolean> {
  if (ready) return Promise.resolve(true);
  if (!attempt && Date.now() < nextAttemptAt) return Promise.resolve(false);
  attempt ??= startup()
    .then(() => {
      clearTimeout(timer);
      return true;
    })
    .catch((error: unknown) => {
      if (!isDatabaseUnreachable(error)) {
        // Not an outage (a migration that does not apply, a wrong setting): waiting will not help.
        log.error(`Kaizen LMS cannot start: preparing the database at ${databaseWhere()} failed: ${(error as Error).message ?? error}`);
        process.exit(1);
      }
      failures += 1;
      const delay = Math.min(1000 * 2 ** (failures - 1), 30_000);
      nextAttemptAt = Date.now() + delay;
      log.error(`Kaizen LMS cannot reach its database at ${databaseWhere()}; trying again in ${delay / 1000} s (attempt ${failures}). /healthz answers 503 until then.`);
      clearTimeout(timer);
      timer = setTimeout(() => void retryStartupNow(), delay);
      timer.unref?.();
      return false;
    })
    .finally(() => {
      attempt = null;
    });
  return attempt;
}

/**
 * Prepares the database before the first request when it answers; when it cannot be reached the
 * server starts anyway, answers /healthz with 503 and keeps trying with back-off (1 s doubling
 * to 30 s), so a database that starts after the app (a reboot, a container order) needs no restart.
 */
export async function startupWithRetry(): Promise<void> {
  await retryStartupNow();
}
