// The committed migrations match prisma/models.prisma for both databases, and apply cleanly.
// If this fails after a change to the models: npx tsx scripts/db/create-migration.ts <name>
// PostgreSQL: the server of POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test)
// must be reachable and its role needs CREATEDB (for a temporary shadow database).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  applyMigrations,
  diffModelsAgainstMigrations,
  findProjectRoot,
  migrationsDir,
  migrationStatus,
} from "../../app/db/migrate.server";

const createMigration = "npx tsx scripts/db/create-migration.ts <name>";
// Run inside a per-database project (TEST_DATABASE_PROVIDER set), check that database only.
const only = process.env.TEST_DATABASE_PROVIDER as "sqlite" | "postgres" | undefined;
const providers = only ? [only] : (["sqlite", "postgres"] as const);

describe("migrations", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kaizen-migrations-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(providers)("%s: the models have no changes missing from a migration", async (provider) => {
    const { hasChanges, script } = await diffModelsAgainstMigrations(provider);
    expect(hasChanges, `prisma/models.prisma changed without a migration; run ${createMigration}:\n${script}`).toBe(false);
  });

  it("both databases have the same migration folders", () => {
    const folders = (provider: "sqlite" | "postgres") =>
      readdirSync(migrationsDir(provider, findProjectRoot()), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
    expect(folders("sqlite").length).toBeGreaterThan(0);
    expect(folders("postgres")).toEqual(folders("sqlite"));
  });

  it.skipIf(only === "postgres")("applies onto an empty SQLite file, and a second time is a no-op", async () => {
    const url = `file:${path.join(dir, "nested", "app.db")}`;
    const first = await applyMigrations(url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(await applyMigrations(url)).toEqual({ applied: [] });
    const status = await migrationStatus(url);
    expect(status).toMatchObject({ hasMigrationsTable: true, history: null, failedMigrationNames: [], editedMigrationNames: [] });
  });
});
