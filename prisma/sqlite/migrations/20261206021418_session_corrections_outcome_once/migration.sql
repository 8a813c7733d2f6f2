-- DropIndex
DROP INDEX "Outcome_programmeId_firmId_date_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ClassSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cohortId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "modules" TEXT NOT NULL DEFAULT '',
    "trainerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clientId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT,
    CONSTRAINT "ClassSession_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ClassSession_trainerId_fkey" FOREIGN KEY ("trainerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ClassSession" ("cohortId", "createdAt", "date", "endTime", "id", "modules", "startTime", "trainerId", "venue") SELECT "cohortId", "createdAt", "date", "endTime", "id", "modules", "startTime", "trainerId", "venue" FROM "ClassSession";
DROP TABLE "ClassSession";
ALTER TABLE "new_ClassSession" RENAME TO "ClassSession";
CREATE UNIQUE INDEX "ClassSession_clientId_key" ON "ClassSession"("clientId");
CREATE INDEX "ClassSession_cohortId_date_idx" ON "ClassSession"("cohortId", "date");
CREATE INDEX "ClassSession_trainerId_idx" ON "ClassSession"("trainerId");
-- Data move: the same session scheduled twice (a double tap, before this rule) becomes one. The
-- first one made is kept; marks on a copy move to it where the person has no mark there (and on
-- no other copy); the copies go with what is left on them.
CREATE TEMPORARY TABLE "_SessionCopy" AS
  SELECT d."id" AS "copyId",
    (SELECT k."id" FROM "ClassSession" k
      WHERE k."cohortId" = d."cohortId" AND k."date" = d."date" AND k."startTime" = d."startTime"
      ORDER BY k."createdAt", k."id" LIMIT 1) AS "keptId"
  FROM "ClassSession" d;
DELETE FROM "_SessionCopy" WHERE "copyId" = "keptId";
UPDATE "Attendance" SET "sessionId" = (SELECT c."keptId" FROM "_SessionCopy" c WHERE c."copyId" = "Attendance"."sessionId")
WHERE "sessionId" IN (SELECT "copyId" FROM "_SessionCopy")
  AND NOT EXISTS (
    SELECT 1 FROM "Attendance" o, "_SessionCopy" c
    WHERE c."copyId" = "Attendance"."sessionId" AND o."personId" = "Attendance"."personId" AND o."id" <> "Attendance"."id"
      AND (o."sessionId" = c."keptId" OR o."sessionId" IN (SELECT c2."copyId" FROM "_SessionCopy" c2 WHERE c2."keptId" = c."keptId")));
DELETE FROM "AttendanceChange" WHERE "attendanceId" IN (SELECT "id" FROM "Attendance" WHERE "sessionId" IN (SELECT "copyId" FROM "_SessionCopy"));
DELETE FROM "Attendance" WHERE "sessionId" IN (SELECT "copyId" FROM "_SessionCopy");
DELETE FROM "ClassSession" WHERE "id" IN (SELECT "copyId" FROM "_SessionCopy");
DROP TABLE "_SessionCopy";

CREATE UNIQUE INDEX "ClassSession_cohortId_date_startTime_key" ON "ClassSession"("cohortId", "date", "startTime");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Data move: outcomes imported twice left several rows per firm and day; keep the latest.
DELETE FROM "Outcome" WHERE "id" IN (
  SELECT o."id" FROM "Outcome" o WHERE EXISTS (
    SELECT 1 FROM "Outcome" n
    WHERE n."programmeId" = o."programmeId" AND n."firmId" = o."firmId" AND n."date" = o."date"
      AND (n."createdAt" > o."createdAt" OR (n."createdAt" = o."createdAt" AND n."id" > o."id"))));

-- CreateIndex
CREATE UNIQUE INDEX "Outcome_programmeId_firmId_date_key" ON "Outcome"("programmeId", "firmId", "date");
