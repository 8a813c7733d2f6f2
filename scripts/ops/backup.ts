// npm run backup: one dated archive of everything a restore needs.
//   SQLite: an online backup of the database file (better-sqlite3's backup API: safe while the app
//   is serving), the photo files of UPLOAD_DIR when there are any (photos stored before they moved
//   into the database, docs/decisions/0016), and a manifest with every table's row count, packed
//   into BACKUP_DIR/kaizen-<UTC time>.tar.gz.
//   PostgreSQL: the photos are rows of the database, so pg_dump is the whole backup: it is run
//   when pg_dump is installed, and the command is printed either way.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { backupDir, countRows, databaseUrl, type Manifest, provider, sqliteFile, stamp, uploadDir } from "./archive";

mkdirSync(backupDir, { recursive: true });

if (provider === "postgres") {
  const file = path.join(backupDir, `kaizen-${stamp()}.dump`);
  const safeUrl = databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  console.log(`PostgreSQL: the backup is a pg_dump of the database (photos included, they are rows of it):\n  pg_dump --format=custom --file=${file} "${safeUrl}"`);
  console.log(`Restore it into an empty database with:\n  createdb kaizen && pg_restore --no-owner --dbname="postgresql://…/kaizen" ${file}`);
  const dumped = spawnSync("pg_dump", ["--format=custom", `--file=${file}`, databaseUrl], { stdio: "inherit" });
  if (dumped.error) {
    console.log("pg_dump is not installed here: run the command above where it is (the postgresql-client package).");
    process.exit(1);
  }
  if (dumped.status !== 0) process.exit(dumped.status ?? 1);
  console.log(`backup written: ${file}`);
  process.exit(0);
}

const source = sqliteFile();
if (!existsSync(source)) {
  console.error(`No database at ${source} (DATABASE_URL): nothing to back up.`);
  process.exit(1);
}
const name = `kaizen-${stamp()}`;
const staging = mkdtempSync(path.join(backupDir, ".staging-"));
try {
  const folder = path.join(staging, name);
  mkdirSync(folder);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    await db.backup(path.join(folder, "app.db"));
  } finally {
    db.close();
  }
  // Counted on the copy: exactly what the archive holds, whatever was written since.
  const copy = new Database(path.join(folder, "app.db"), { readonly: true });
  const { counts, migrations } = countRows(copy);
  copy.close();
  const uploads = existsSync(uploadDir) && readdirSync(uploadDir).length > 0;
  if (uploads) cpSync(uploadDir, path.join(folder, "uploads"), { recursive: true });
  const manifest: Manifest = { format: 1, createdAt: new Date().toISOString(), database: "sqlite", counts, migrations, uploads };
  writeFileSync(path.join(folder, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const archive = path.join(backupDir, `${name}.tar.gz`);
  const packed = spawnSync("tar", ["-czf", path.resolve(archive), "-C", staging, name], { stdio: "inherit" });
  if (packed.status !== 0) throw new Error("tar could not write the archive");
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`backup written: ${archive} (${Object.keys(counts).length} tables, ${rows} rows, ${counts.VisitPhotoData ?? 0} photos in the database${uploads ? ", photo files of UPLOAD_DIR" : ""})`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
