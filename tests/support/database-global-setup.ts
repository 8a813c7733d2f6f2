import { mkdirSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../app/db/migrate.server";
import { dropPostgresDatabases, postgresUrlFor, recreatePostgresDatabase, sqliteDir, sqliteTemplate, templateName } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    testRunId: string;
  }
}

/** Builds this run's template database once from the committed migrations, and removes it after. */
export default async function setup(project: TestProject) {
  const provider = project.config.env.TEST_DATABASE_PROVIDER;
  const runId = String(process.pid);
  project.provide("testRunId", runId);
  if (provider === "postgres") {
    await recreatePostgresDatabase(templateName(runId));
    await applyMigrations(postgresUrlFor(templateName(runId)));
    return () => dropPostgresDatabases(`kaizen_t${runId}_`);
  }
  mkdirSync(sqliteDir(runId), { recursive: true });
  await applyMigrations(`file:${sqliteTemplate(runId)}`);
  return () => rmSync(sqliteDir(runId), { recursive: true, force: true });
}
