// What `npm run backup` and `npm run restore` share: where things are, and the counts that prove
// a restore holds what the backup held.
import Database from "better-sqlite3";
import { providerOf, sqliteFilePath } from "../../app/db/provider";

export const databaseUrl = process.env.DATABASE_URL ?? "file:./data/app.db";
export const provider = providerOf(databaseUrl);
export const uploadDir = process.env.UPLOAD_DIR ?? "./data/uploads";
export const backupDir = process.env.BACKUP_DIR ?? "./backups";
export const sqliteFile = () => sqliteFilePath(databaseUrl);

/** The manifest inside every archive. */
export type Manifest = { format: 1; createdAt: string; database: "sqlite"; counts: Record<string, number>; migrations: string[]; uploads: boolean };

/** Rows per table, and the migrations applied: what a restore is checked against. */
export function countRows(db: Database.Database): { counts: Record<string, number>; migrations: string[] } {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
  const counts = Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  const migrations = tables.some((t) => t.name === "_prisma_migrations")
    ? (db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`).all() as { migration_name: string }[]).map((m) => m.migration_name)
    : [];
  return { counts, migrations };
}

/** A UTC time stamp usable in a file name: 2026-12-06T021500Z. */
export function stamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z").replace(/^(\d{4})(\d{2})(\d{2})/, "$1-$2-$3");
}
