-- CreateEnum
CREATE TYPE "TieBreak" AS ENUM ('EARLIER_SUBMISSION', 'COMMITTEE');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CallStatus" ADD VALUE 'REVIEW';
ALTER TYPE "CallStatus" ADD VALUE 'DELIBERATION';
ALTER TYPE "CallStatus" ADD VALUE 'ANNOUNCED';

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "committeeDate" TIMESTAMP(3),
ADD COLUMN     "contactEmail" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "contactOffice" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "contactPhone" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "eligibleRegions" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "gridReopenedAt" TIMESTAMP(3),
ADD COLUMN     "halfPoints" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "legalForms" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "maxCostShare" INTEGER,
ADD COLUMN     "overallThreshold" INTEGER,
ADD COLUMN     "scoreScale" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "tieBreak" "TieBreak" NOT NULL DEFAULT 'EARLIER_SUBMISSION';

-- AlterTable
ALTER TABLE "Criterion" ADD COLUMN     "levels" TEXT[] DEFAULT ARRAY[]::TEXT[];
