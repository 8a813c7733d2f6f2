import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { sqliteFilePath } from "~/db/provider";
import { saveVisit } from "~/modules/coaching/visits.server";
import { makeProgramme, makeUser } from "../support/fixtures";

// `npm run backup` and `npm run restore`, run as an operator would, on the test database.
const provider = process.env.TEST_DATABASE_PROVIDER;
const work = path.resolve(`tmp/backup-test-${process.pid}-${Date.now()}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function npmRun(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync("npx", ["tsx", `scripts/ops/${script}.ts`, ...args], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 120_000 });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

async function visitWithPhoto() {
  const p = await makeProgramme();
  const trainer = await makeUser({ roles: [{ programmeId: p.programmeId, role: "trainer" }] });
  const bytes = new Uint8Array(await sharp({ create: { width: 320, height: 240, channels: 3, background: "#c84" } }).jpeg().toBuffer());
  const { id } = await saveVisit({
    clientId: crypto.randomUUID(),
    date: "2026-03-10",
    durationMinutes: 60,
    recordsMonthsSeen: null,
    notes: "",
    scores: [{ itemKey: "five_s_sort", value: 1 }],
    actions: [],
    outcomes: [],
    photoKinds: ["before"],
    firmId: p.firmId,
    programmeId: p.programmeId,
    coachId: trainer.id,
    photos: [{ kind: "before", bytes, info: { mediaType: "image/jpeg", extension: "jpg", width: 320, height: 240 } }],
  });
  return db.visitPhoto.findFirstOrThrow({ where: { visitId: id }, select: { id: true } });
}

describe.skipIf(provider !== "sqlite")("backup and restore (SQLite)", () => {
  it("writes one dated archive while the database is open, and restores it into an empty folder with equal counts and photos that load", async () => {
    const photo = await visitWithPhoto();
    const source = sqliteFilePath(process.env.DATABASE_URL!);
    const backup = npmRun("backup", [], { DATABASE_URL: process.env.DATABASE_URL!, BACKUP_DIR: path.join(work, "backups"), UPLOAD_DIR: path.join(work, "no-uploads") });
    expect(backup.status, backup.out).toBe(0);
    const archive = /backup written: (\S+\.tar\.gz)/.exec(backup.out)?.[1];
    expect(archive).toMatch(/kaizen-\d{4}-\d{2}-\d{2}T\d{6}Z\.tar\.gz$/);

    const restoredFile = path.join(work, "restored", "data", "app.db");
    const restore = npmRun("restore", [archive!], { DATABASE_URL: `file:${restoredFile}`, UPLOAD_DIR: path.join(work, "restored", "uploads") });
    expect(restore.status, restore.out).toBe(0);
    expect(restore.out).toContain("integrity ok");

    const original = new Database(source, { readonly: true });
    const restored = new Database(restoredFile, { readonly: true });
    try {
      expect((restored.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check).toBe("ok");
      for (const table of ["User", "CoachingVisit", "VisitPhoto", "VisitPhotoData", "AuditEvent", "_prisma_migrations"]) {
        const count = (d: Database.Database) => (d.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
        expect(count(restored), table).toBe(count(original));
      }
      const row = restored.prepare(`SELECT data FROM "VisitPhotoData" WHERE photoId = ?`).get(photo.id) as { data: Buffer };
      const meta = await sharp(row.data).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 320, 240]);
    } finally {
      original.close();
      restored.close();
    }

    // A restore never overwrites a database.
    const again = npmRun("restore", [archive!], { DATABASE_URL: `file:${restoredFile}` });
    expect(again.status).toBe(1);
    expect(again.out).toContain("exists already");
  }, 240_000);
});

describe.skipIf(provider !== "postgres")("backup (PostgreSQL)", () => {
  it("runs pg_dump into one dated file and says how to restore it", async () => {
    await visitWithPhoto();
    const backup = npmRun("backup", [], { DATABASE_URL: process.env.DATABASE_URL!, BACKUP_DIR: path.join(work, "backups") });
    expect(backup.status, backup.out).toBe(0);
    const file = /backup written: (\S+\.dump)/.exec(backup.out)?.[1];
    expect(file && existsSync(file)).toBe(true);
    expect(backup.out).toContain("pg_restore");
  }, 240_000);
});
