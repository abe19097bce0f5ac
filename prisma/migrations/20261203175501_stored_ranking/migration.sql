-- The committee's ranking is kept, not recomputed on every page: see refreshRanking.
-- CreateTable
CREATE TABLE "FileRank" (
    "applicationId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "reviewCount" INTEGER NOT NULL,
    "average" DECIMAL(6,2),
    "divergence" DECIMAL(6,2) NOT NULL,
    "meetsThresholds" BOOLEAN NOT NULL,
    "means" JSONB NOT NULL,
    "eligible" BOOLEAN NOT NULL,
    "position" INTEGER NOT NULL,
    "rank" INTEGER,
    "tied" BOOLEAN NOT NULL,
    "cumulativeCents" BIGINT NOT NULL,
    "withinEnvelope" BOOLEAN NOT NULL,

    CONSTRAINT "FileRank_pkey" PRIMARY KEY ("applicationId")
);

-- CreateTable
CREATE TABLE "CallFileCount" (
    "callId" TEXT NOT NULL,
    "status" "ApplicationStatus" NOT NULL,
    "files" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CallFileCount_pkey" PRIMARY KEY ("callId","status")
);

-- CreateTable
CREATE TABLE "CallRanking" (
    "callId" TEXT NOT NULL,
    "files" INTEGER NOT NULL,
    "ranked" INTEGER NOT NULL,
    "meetingThresholds" INTEGER NOT NULL,
    "divergent" INTEGER NOT NULL,
    "withinEnvelope" INTEGER NOT NULL,
    "withinEnvelopeCents" BIGINT NOT NULL,
    "firstOutsideRank" INTEGER,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallRanking_pkey" PRIMARY KEY ("callId")
);

-- CreateIndex
CREATE INDEX "FileRank_callId_position_idx" ON "FileRank"("callId", "position");

-- CreateIndex
CREATE INDEX "Application_callId_submittedAt_id_idx" ON "Application"("callId", "submittedAt", "id");

-- AddForeignKey
ALTER TABLE "FileRank" ADD CONSTRAINT "FileRank_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileRank" ADD CONSTRAINT "FileRank_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallFileCount" ADD CONSTRAINT "CallFileCount_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallRanking" ADD CONSTRAINT "CallRanking_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- CallFileCount follows every insert, delete and change of status or call of a file, whatever
-- code makes it: a counter no path of the app can forget to update.
CREATE FUNCTION "countCallFiles"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "CallFileCount" SET "files" = "files" - 1 WHERE "callId" = OLD."callId" AND "status" = OLD."status";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "CallFileCount" ("callId", "status", "files") VALUES (NEW."callId", NEW."status", 1)
    ON CONFLICT ("callId", "status") DO UPDATE SET "files" = "CallFileCount"."files" + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Application_countCallFiles_insertDelete" AFTER INSERT OR DELETE ON "Application"
  FOR EACH ROW EXECUTE FUNCTION "countCallFiles"();
CREATE TRIGGER "Application_countCallFiles_update" AFTER UPDATE OF "status", "callId" ON "Application"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."callId" IS DISTINCT FROM NEW."callId")
  EXECUTE FUNCTION "countCallFiles"();

INSERT INTO "CallFileCount" ("callId", "status", "files")
SELECT "callId", "status", count(*)::int FROM "Application" GROUP BY "callId", "status";
