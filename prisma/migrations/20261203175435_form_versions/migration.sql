-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "eligibilityRules" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "CallFormVersion" (
    "callId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CallFormVersion_pkey" PRIMARY KEY ("callId","version")
);

-- AddForeignKey
ALTER TABLE "CallFormVersion" ADD CONSTRAINT "CallFormVersion_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;
