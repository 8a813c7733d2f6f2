-- CreateTable
CREATE TABLE "ScreeningEvidence" (
    "programmeId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "firmVersion" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "computedOn" TEXT NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("programmeId", "firmId"),
    CONSTRAINT "ScreeningEvidence_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScreeningEvidence_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Firm" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "workers" INTEGER,
    "foundedYear" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "evidenceVersion" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Firm_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Firm_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Firm" ("clusterId", "createdAt", "foundedYear", "id", "name", "organisationId", "sector", "workers") SELECT "clusterId", "createdAt", "foundedYear", "id", "name", "organisationId", "sector", "workers" FROM "Firm";
DROP TABLE "Firm";
ALTER TABLE "new_Firm" RENAME TO "Firm";
CREATE INDEX "Firm_clusterId_idx" ON "Firm"("clusterId");
CREATE INDEX "Firm_organisationId_idx" ON "Firm"("organisationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ScreeningEvidence_firmId_idx" ON "ScreeningEvidence"("firmId");
