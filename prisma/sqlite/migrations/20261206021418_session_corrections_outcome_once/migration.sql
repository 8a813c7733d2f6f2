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
