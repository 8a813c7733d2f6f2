-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "preTestKey" TEXT;

-- CreateTable
CREATE TABLE "VisitPhotoData" (
    "photoId" TEXT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "VisitPhotoData_pkey" PRIMARY KEY ("photoId")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_preTestKey_key" ON "QuizAttempt"("preTestKey");

-- AddForeignKey
ALTER TABLE "VisitPhotoData" ADD CONSTRAINT "VisitPhotoData_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "VisitPhoto"("id") ON DELETE CASCADE ON UPDATE CASCADE;
