// npm run restore ARCHIVE: puts a backup made by `npm run backup` back, into an empty data folder
// (the SQLite file of DATABASE_URL must not exist yet: a restore never overwrites a database),
// then proves it: SQLite's integrity check, and every table's row count equal to the manifest's.
// Start the app afterwards as usual; it applies any migrations newer than the backup.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { countRows, type Manifest, provider, sqliteFile, uploadDir } from "./archive";

const archive = process.argv[2];
if (!archive) {
  console.error("usage: npm run restore -- backups/kaizen-<time>.tar.gz   (DATABASE_URL names where to restore)");
  process.exit(1);
}
if (provider === "postgres" || archive.endsWith(".dump")) {
  console.error(`A PostgreSQL backup is restored with pg_restore into an empty database:\n  createdb kaizen && pg_restore --no-owner --dbname="$DATABASE_URL" ${archive}`);
  process.exit(1);
}
const target = sqliteFile();
if (existsSync(target)) {
  console.error(`Not restoring: ${target} exists already. Restore into an empty data folder (move the old one away first), or point DATABASE_URL elsewhere.`);
  process.exit(1);
}
const work = mkdtempSync(path.join(os.tmpdir(), "kaizen-restore-"));
try {
  const unpacked = spawnSync("tar", ["-xzf", path.resolve(archive), "-C", work], { stdio: "inherit" });
  if (unpacked.status !== 0) throw new Error(`${archive} is not a readable archive`);
  const [name] = readdirSync(work);
  const folder = path.join(work, name ?? "");
  const manifest = JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8")) as Manifest;
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  cpSync(path.join(folder, "app.db"), target);
  if (manifest.uploads) cpSync(path.join(folder, "uploads"), uploadDir, { recursive: true });

  const db = new Database(target, { readonly: true });
  const integrity = (db.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check;
  const { counts } = countRows(db);
  db.close();
  const differ = Object.keys({ ...manifest.counts, ...counts }).filter((t) => manifest.counts[t] !== counts[t]);
  if (integrity !== "ok" || differ.length > 0) {
    rmSync(target, { force: true });
    console.error(`Restore refused: integrity check "${integrity}"${differ.length ? `, row counts differ in ${differ.join(", ")}` : ""}. Nothing was kept.`);
    process.exit(1);
  }
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`restored ${archive} (made ${manifest.createdAt}) into ${target}: integrity ok, ${Object.keys(counts).length} tables and ${rows} rows, as in the backup.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
