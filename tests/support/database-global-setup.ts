import { mkdirSync, rmSync } from "node:fs";
import { applyMigrations } from "../../app/db/migrate.server";
import { postgresUrlFor, recreatePostgresDatabase, SQLITE_DIR, SQLITE_TEMPLATE, TEMPLATE_NAME } from "./databases";

/** Builds the template database once per run from the committed migrations. */
export default async function setup(project: { config: { env: Record<string, unknown> } }) {
  const provider = project.config.env.TEST_DATABASE_PROVIDER;
  if (provider === "postgres") {
    await recreatePostgresDatabase(TEMPLATE_NAME);
    await applyMigrations(postgresUrlFor(TEMPLATE_NAME));
  } else {
    rmSync(SQLITE_DIR, { recursive: true, force: true });
    mkdirSync(SQLITE_DIR, { recursive: true });
    await applyMigrations(`file:${SQLITE_TEMPLATE}`);
  }
}
