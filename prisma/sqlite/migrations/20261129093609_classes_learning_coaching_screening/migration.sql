-- CreateTable
CREATE TABLE "ModuleProgress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "moduleSlug" TEXT NOT NULL,
    "contentVersion" TEXT NOT NULL,
    "readingAt" DATETIME,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ModuleProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "moduleSlug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "contentVersion" TEXT NOT NULL,
    "correct" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuizAnswer" (
    "attemptId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,

    PRIMARY KEY ("attemptId", "questionId"),
    CONSTRAINT "QuizAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "QuizAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClassSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cohortId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "modules" TEXT NOT NULL DEFAULT '',
    "trainerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ClassSession_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ClassSession_trainerId_fkey" FOREIGN KEY ("trainerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ClassSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attendance_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttendanceChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attendanceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "previousStatus" TEXT,
    "recordedById" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    CONSTRAINT "AttendanceChange_attendanceId_fkey" FOREIGN KEY ("attendanceId") REFERENCES "Attendance" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AttendanceChange_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CoachingVisit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "coachId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "recordsMonthsSeen" INTEGER,
    "checklistPacked" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CoachingVisit_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CoachingVisit_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CoachingVisit_coachId_fkey" FOREIGN KEY ("coachId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChecklistScore" (
    "visitId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    PRIMARY KEY ("visitId", "itemKey"),
    CONSTRAINT "ChecklistScore_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "CoachingVisit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "outcome" TEXT,
    "reviewedAtVisitId" TEXT,
    CONSTRAINT "ActionItem_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "CoachingVisit" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionItem_reviewedAtVisitId_fkey" FOREIGN KEY ("reviewedAtVisitId") REFERENCES "CoachingVisit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VisitPhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "VisitPhoto_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "CoachingVisit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScreeningModelVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "weights" TEXT NOT NULL,
    "thresholds" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScreeningModelVersion_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ScreeningModelVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Selection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "againstRanking" BOOLEAN NOT NULL DEFAULT false,
    "scoreSnapshot" TEXT NOT NULL,
    "modelVersion" INTEGER NOT NULL,
    "decidedById" TEXT NOT NULL,
    "decidedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Selection_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Selection_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Selection_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Outcome" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "sales" REAL,
    "workers" INTEGER,
    "valueAdded" REAL,
    "practiceScore" REAL,
    "source" TEXT NOT NULL,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Outcome_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Outcome_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Outcome_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Programme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "languages" TEXT NOT NULL DEFAULT 'en',
    "startsOn" DATETIME NOT NULL,
    "endsOn" DATETIME,
    "attendanceThreshold" REAL NOT NULL DEFAULT 0.6,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "coachingItemsOff" TEXT NOT NULL DEFAULT '',
    "showScreeningToOwners" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Programme_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Programme" ("attendanceThreshold", "createdAt", "endsOn", "id", "isDemo", "languages", "name", "organisationId", "startsOn") SELECT "attendanceThreshold", "createdAt", "endsOn", "id", "isDemo", "languages", "name", "organisationId", "startsOn" FROM "Programme";
DROP TABLE "Programme";
ALTER TABLE "new_Programme" RENAME TO "Programme";
CREATE INDEX "Programme_organisationId_idx" ON "Programme"("organisationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ModuleProgress_userId_moduleSlug_key" ON "ModuleProgress"("userId", "moduleSlug");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_clientId_key" ON "QuizAttempt"("clientId");

-- CreateIndex
CREATE INDEX "QuizAttempt_userId_moduleSlug_idx" ON "QuizAttempt"("userId", "moduleSlug");

-- CreateIndex
CREATE INDEX "QuizAttempt_moduleSlug_kind_idx" ON "QuizAttempt"("moduleSlug", "kind");

-- CreateIndex
CREATE INDEX "QuizAnswer_questionId_idx" ON "QuizAnswer"("questionId");

-- CreateIndex
CREATE INDEX "ClassSession_cohortId_date_idx" ON "ClassSession"("cohortId", "date");

-- CreateIndex
CREATE INDEX "ClassSession_trainerId_idx" ON "ClassSession"("trainerId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_clientId_key" ON "Attendance"("clientId");

-- CreateIndex
CREATE INDEX "Attendance_personId_idx" ON "Attendance"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_sessionId_personId_key" ON "Attendance"("sessionId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceChange_clientId_key" ON "AttendanceChange"("clientId");

-- CreateIndex
CREATE INDEX "AttendanceChange_attendanceId_recordedAt_idx" ON "AttendanceChange"("attendanceId", "recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CoachingVisit_clientId_key" ON "CoachingVisit"("clientId");

-- CreateIndex
CREATE INDEX "CoachingVisit_firmId_date_idx" ON "CoachingVisit"("firmId", "date");

-- CreateIndex
CREATE INDEX "CoachingVisit_programmeId_idx" ON "CoachingVisit"("programmeId");

-- CreateIndex
CREATE INDEX "ActionItem_visitId_idx" ON "ActionItem"("visitId");

-- CreateIndex
CREATE INDEX "ActionItem_reviewedAtVisitId_idx" ON "ActionItem"("reviewedAtVisitId");

-- CreateIndex
CREATE INDEX "VisitPhoto_visitId_idx" ON "VisitPhoto"("visitId");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningModelVersion_programmeId_version_key" ON "ScreeningModelVersion"("programmeId", "version");

-- CreateIndex
CREATE INDEX "Selection_programmeId_firmId_decidedAt_idx" ON "Selection"("programmeId", "firmId", "decidedAt");

-- CreateIndex
CREATE INDEX "Selection_firmId_idx" ON "Selection"("firmId");

-- CreateIndex
CREATE INDEX "Outcome_programmeId_firmId_date_idx" ON "Outcome"("programmeId", "firmId", "date");

-- CreateIndex
CREATE INDEX "Outcome_firmId_idx" ON "Outcome"("firmId");
