-- CreateTable
CREATE TABLE "Experiment" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "stratifyBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "strataPlan" TEXT,
    "baselineUntil" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "frozenAt" TIMESTAMP(3),
    "frozenById" TEXT,

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentArm" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "offersClasses" BOOLEAN NOT NULL,
    "offersVisits" BOOLEAN NOT NULL,
    "ratio" INTEGER NOT NULL,

    CONSTRAINT "ExperimentArm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentAssignment" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "armId" TEXT NOT NULL,
    "stratum" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExperimentAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentException" (
    "id" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "fromArmId" TEXT NOT NULL,
    "toArmId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExperimentException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentNonCompliance" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "firmId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExperimentNonCompliance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_programmeId_key" ON "Experiment"("programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_clientId_key" ON "Experiment"("clientId");

-- CreateIndex
CREATE INDEX "Experiment_cohortId_idx" ON "Experiment"("cohortId");

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentArm_experimentId_position_key" ON "ExperimentArm"("experimentId", "position");

-- CreateIndex
CREATE INDEX "ExperimentAssignment_firmId_idx" ON "ExperimentAssignment"("firmId");

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentAssignment_experimentId_firmId_key" ON "ExperimentAssignment"("experimentId", "firmId");

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentAssignment_experimentId_stratum_sequence_key" ON "ExperimentAssignment"("experimentId", "stratum", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentException_clientId_key" ON "ExperimentException"("clientId");

-- CreateIndex
CREATE INDEX "ExperimentException_experimentId_firmId_idx" ON "ExperimentException"("experimentId", "firmId");

-- CreateIndex
CREATE UNIQUE INDEX "ExperimentNonCompliance_reference_key" ON "ExperimentNonCompliance"("reference");

-- CreateIndex
CREATE INDEX "ExperimentNonCompliance_experimentId_idx" ON "ExperimentNonCompliance"("experimentId");

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_frozenById_fkey" FOREIGN KEY ("frozenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentArm" ADD CONSTRAINT "ExperimentArm_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentAssignment" ADD CONSTRAINT "ExperimentAssignment_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentAssignment" ADD CONSTRAINT "ExperimentAssignment_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentAssignment" ADD CONSTRAINT "ExperimentAssignment_armId_fkey" FOREIGN KEY ("armId") REFERENCES "ExperimentArm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentException" ADD CONSTRAINT "ExperimentException_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentException" ADD CONSTRAINT "ExperimentException_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentException" ADD CONSTRAINT "ExperimentException_fromArmId_fkey" FOREIGN KEY ("fromArmId") REFERENCES "ExperimentArm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentException" ADD CONSTRAINT "ExperimentException_toArmId_fkey" FOREIGN KEY ("toArmId") REFERENCES "ExperimentArm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentException" ADD CONSTRAINT "ExperimentException_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentNonCompliance" ADD CONSTRAINT "ExperimentNonCompliance_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentNonCompliance" ADD CONSTRAINT "ExperimentNonCompliance_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentNonCompliance" ADD CONSTRAINT "ExperimentNonCompliance_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
