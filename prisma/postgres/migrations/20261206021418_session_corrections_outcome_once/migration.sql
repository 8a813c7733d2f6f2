-- DropIndex
DROP INDEX "Outcome_programmeId_firmId_date_idx";

-- AlterTable
ALTER TABLE "ClassSession" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "clientId" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "ClassSession_clientId_key" ON "ClassSession"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "ClassSession_cohortId_date_startTime_key" ON "ClassSession"("cohortId", "date", "startTime");

-- Data move: outcomes imported twice left several rows per firm and day; keep the latest.
DELETE FROM "Outcome" WHERE "id" IN (
  SELECT o."id" FROM "Outcome" o WHERE EXISTS (
    SELECT 1 FROM "Outcome" n
    WHERE n."programmeId" = o."programmeId" AND n."firmId" = o."firmId" AND n."date" = o."date"
      AND (n."createdAt" > o."createdAt" OR (n."createdAt" = o."createdAt" AND n."id" > o."id"))));

-- CreateIndex
CREATE UNIQUE INDEX "Outcome_programmeId_firmId_date_key" ON "Outcome"("programmeId", "firmId", "date");
