-- AlterTable
ALTER TABLE "Firm" ADD COLUMN     "evidenceVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ScreeningEvidence" (
    "programmeId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "firmVersion" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "computedOn" TEXT NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "ScreeningEvidence_pkey" PRIMARY KEY ("programmeId","firmId")
);

-- CreateIndex
CREATE INDEX "ScreeningEvidence_firmId_idx" ON "ScreeningEvidence"("firmId");

-- AddForeignKey
ALTER TABLE "ScreeningEvidence" ADD CONSTRAINT "ScreeningEvidence_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningEvidence" ADD CONSTRAINT "ScreeningEvidence_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;
