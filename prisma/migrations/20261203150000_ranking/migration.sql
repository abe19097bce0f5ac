-- Optimistic concurrency for decisions: a form shown before another decision is refused.
ALTER TABLE "Application" ADD COLUMN "decisionVersion" INTEGER NOT NULL DEFAULT 0;

-- A file's history gathers events and chain heads by record id alone; the unique index on
-- (entityType, entityId, seq) already serves lookups by type and id.
DROP INDEX "AuditEvent_entityType_entityId_idx";
CREATE INDEX "AuditEvent_entityId_idx" ON "AuditEvent"("entityId");
CREATE INDEX "AuditChainHead_entityId_idx" ON "AuditChainHead"("entityId");

-- A file's page reads its conflicts by file; the unique index leads with the reviewer.
CREATE INDEX "Conflict_applicationId_idx" ON "Conflict"("applicationId");
