import { applyMigrations } from "~/db/migrate.server";
import { databaseProvider, db, tuneSqlite } from "~/db/db.server";
import { env } from "~/env.server";
import { log } from "~/log.server";

/**
 * Runs once when the server starts: the environment is checked, the database gets any pending
 * migrations (no network needed: docs/decisions/0003-two-databases.md), SQLite is put in WAL mode.
 */
export async function startup(): Promise<void> {
  const { DATABASE_URL } = env();
  const started = performance.now();
  const { applied } = await applyMigrations(DATABASE_URL);
  if (databaseProvider === "sqlite") await tuneSqlite(db);
  log.info("database ready", {
    provider: databaseProvider,
    migrationsApplied: applied,
    ms: Math.round(performance.now() - started),
  });
}
