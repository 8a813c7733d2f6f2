// Creates the next migration for BOTH databases from prisma/models.prisma, in Prisma's standard
// layout: prisma/{sqlite,postgres}/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql.
//   npx tsx scripts/db/create-migration.ts <name>
// SQLite needs no database. PostgreSQL replays the existing migrations into a temporary shadow
// database on the server of POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test);
// its role needs CREATEDB.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  diffModelsAgainstMigrations,
  findProjectRoot,
  lockfileContent,
  migrationsDir,
  type Provider,
} from "../../app/db/migrate.server";

const providers: Provider[] = ["sqlite", "postgres"];

function utcTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14); // YYYYMMDDHHMMSS
}

async function main() {
  const raw = process.argv.slice(2).join(" ");
  const name = raw.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 200);
  if (!name) {
    console.error("usage: npx tsx scripts/db/create-migration.ts <name>   (e.g. add_firm_phone)");
    process.exit(1);
  }
  const root = findProjectRoot();

  // Lock files first: the engine reads the connector from them.
  for (const provider of providers) {
    const lock = path.join(migrationsDir(provider, root), "migration_lock.toml");
    if (!existsSync(lock)) {
      await mkdir(path.dirname(lock), { recursive: true });
      await writeFile(lock, lockfileContent(provider));
      console.log(`wrote ${path.relative(root, lock)}`);
    }
  }

  // Both diffs before writing anything, so that a failure leaves no half-made migration.
  const diffs = await Promise.all(providers.map((p) => diffModelsAgainstMigrations(p, { projectRoot: root })));
  if (diffs.every((d) => !d.hasChanges)) {
    console.log("no changes: the migrations already match prisma/models.prisma");
    return;
  }

  const folder = `${utcTimestamp()}_${name}`;
  for (const [i, provider] of providers.entries()) {
    const dir = path.join(migrationsDir(provider, root), folder);
    if (existsSync(dir)) throw new Error(`${path.relative(root, dir)} already exists`);
    // Keep the two histories in step: a change only one database sees still gets a folder in both.
    const sql = diffs[i]!.hasChanges ? diffs[i]!.script : "-- This is an empty migration.\n";
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    console.log(`wrote ${path.relative(root, path.join(dir, "migration.sql"))}${diffs[i]!.hasChanges ? "" : " (empty: no change for this database)"}`);
  }
  console.log("Review the SQL (add data moves by hand if needed), then commit both folders.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
