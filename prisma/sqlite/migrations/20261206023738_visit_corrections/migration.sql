-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CoachingVisit" (
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
    "version" INTEGER NOT NULL DEFAULT 0,
    "withdrawnAt" DATETIME,
    "withdrawReason" TEXT,
    CONSTRAINT "CoachingVisit_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CoachingVisit_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CoachingVisit_coachId_fkey" FOREIGN KEY ("coachId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CoachingVisit" ("checklistPacked", "clientId", "coachId", "createdAt", "date", "durationMinutes", "firmId", "id", "notes", "programmeId", "recordsMonthsSeen") SELECT "checklistPacked", "clientId", "coachId", "createdAt", "date", "durationMinutes", "firmId", "id", "notes", "programmeId", "recordsMonthsSeen" FROM "CoachingVisit";
DROP TABLE "CoachingVisit";
ALTER TABLE "new_CoachingVisit" RENAME TO "CoachingVisit";
CREATE UNIQUE INDEX "CoachingVisit_clientId_key" ON "CoachingVisit"("clientId");
CREATE INDEX "CoachingVisit_firmId_date_idx" ON "CoachingVisit"("firmId", "date");
CREATE INDEX "CoachingVisit_programmeId_idx" ON "CoachingVisit"("programmeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
