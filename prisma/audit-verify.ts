import { database } from "~/db.server";
import { verifyAuditTrail, type BrokenLink } from "~/audit.server";

// `npm run audit:verify`: checks every chain of the audit trail of the database chosen by
// DATABASE_URL; exits non-zero at the first broken link.
const PROBLEMS: Record<BrokenLink["problem"], string> = {
  hashMismatch: "its content no longer matches its hash (edited)",
  wrongPrevious: "it does not point to the event before it (edited or inserted)",
  missingEvent: "this event is missing (deleted)",
  unexpectedEvent: "this event was added outside the audit writer (inserted)",
  missingHead: "the record's chain has no head (events inserted outside the audit writer, or head deleted)",
  headMismatch: "the chain's last event is not the one recorded as its head (edited or deleted)",
};

try {
  const result = await verifyAuditTrail(database.prisma);
  if (result.broken) {
    const b = result.broken;
    const event = b.eventId ? `event ${b.eventId}` : "event";
    console.error(`Audit trail broken at ${b.entityType} ${b.entityId}, ${event} #${b.seq}: ${PROBLEMS[b.problem]}.`);
    process.exitCode = 1;
  } else {
    console.log(`Audit trail intact: ${result.events} events in ${result.chains} chains.`);
    console.log(`Fingerprint of all chain heads (keep a copy outside the database): ${result.fingerprint}`);
  }
} finally {
  await database.close();
}
