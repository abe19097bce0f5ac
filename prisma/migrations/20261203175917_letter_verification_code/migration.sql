-- AlterTable
ALTER TABLE "Letter" ADD COLUMN     "verificationCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Letter_verificationCode_key" ON "Letter"("verificationCode");

