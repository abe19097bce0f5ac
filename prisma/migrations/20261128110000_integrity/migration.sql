-- One organisation per applicant.
CREATE UNIQUE INDEX "Membership_userId_key" ON "Membership"("userId");

-- A stable Message-ID per outbox row; rows queued before get one from their id.
ALTER TABLE "EmailMessage" ADD COLUMN "messageId" TEXT;
UPDATE "EmailMessage" SET "messageId" = '<' || "id" || '@laureat.localhost>';
ALTER TABLE "EmailMessage" ALTER COLUMN "messageId" SET NOT NULL;
CREATE UNIQUE INDEX "EmailMessage_messageId_key" ON "EmailMessage"("messageId");

-- Hash-chained audit trail. Events written before the chain existed get their place in it but
-- no hash, so verification reports them rather than vouching for them.
ALTER TABLE "AuditEvent" ADD COLUMN "hash" TEXT, ADD COLUMN "prevHash" TEXT, ADD COLUMN "seq" INTEGER;
UPDATE "AuditEvent" e SET "seq" = ordered.seq, "prevHash" = '', "hash" = ''
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "entityType", "entityId" ORDER BY "createdAt", "id") AS seq FROM "AuditEvent"
) ordered
WHERE ordered."id" = e."id";
ALTER TABLE "AuditEvent" ALTER COLUMN "hash" SET NOT NULL, ALTER COLUMN "prevHash" SET NOT NULL, ALTER COLUMN "seq" SET NOT NULL;
CREATE UNIQUE INDEX "AuditEvent_entityType_entityId_seq_key" ON "AuditEvent"("entityType", "entityId", "seq");

CREATE TABLE "AuditChainHead" (
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("entityType","entityId")
);
INSERT INTO "AuditChainHead" ("entityType", "entityId", "seq", "hash")
SELECT "entityType", "entityId", max("seq"), '' FROM "AuditEvent" GROUP BY "entityType", "entityId";
