-- AlterEnum
ALTER TYPE "TokenPurpose" ADD VALUE 'EMAIL_CHANGE';

-- AlterTable
ALTER TABLE "AccountToken" ADD COLUMN     "pendingEmail" TEXT;
