-- DropIndex
DROP INDEX "Outcome_programmeId_firmId_date_idx";

-- AlterTable
ALTER TABLE "ClassSession" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "clientId" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "ClassSession_clientId_key" ON "ClassSession"("clientId");

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
