-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN "preTestKey" TEXT;

-- CreateTable
CREATE TABLE "VisitPhotoData" (
    "photoId" TEXT NOT NULL PRIMARY KEY,
    "data" BLOB NOT NULL,
    CONSTRAINT "VisitPhotoData_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "VisitPhoto" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_preTestKey_key" ON "QuizAttempt"("preTestKey");
