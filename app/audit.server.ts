import { createHash, randomUUID } from "node:crypto";
import type { Tx } from "~/db.server";
import type { PrismaClient } from "~/generated/prisma/client";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** When the change took effect, if not now (a letter dated by the caller). */
  at?: Date;
}

/**
 * The audit trail is tamper-evident: each event holds the hash of the previous event of the
 * same record and a hash of its own fields. One chain per record (entityType + entityId)
 * rather than one for the whole application: appends on different records never wait for
 * each other, so the trail adds no lock shared by every state change (and no deadlock between
 * staff actions that lock rows in different orders); appends on one record are already
 * serialized by the row locks of the change itself. A file's history is the union of a few
 * records' chains, so checking it reads only those events.
 *
 * AuditChainHead holds each chain's last link: an append locks it (insert-or-update takes the
 * row lock), so two concurrent appends cannot both extend the same link, and deleting the last
 * events of a chain is detected. What this cannot stop is someone who rewrites the events and
 * recomputes every hash after them; `npm run audit:verify` prints a fingerprint of all heads,
 * which kept outside the database exposes even that.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const [head] = await tx.$queryRaw<{ seq: number; hash: string }[]>`
    INSERT INTO "AuditChainHead" ("entityType", "entityId", "seq", "hash")
    VALUES (${entry.entityType}, ${entry.entityId}, 0, '')
    ON CONFLICT ("entityType", "entityId") DO UPDATE SET "seq" = "AuditChainHead"."seq"
    RETURNING "seq", "hash"`;
  const event = {
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toJson(entry.before),
    after: toJson(entry.after),
    createdAt: entry.at ?? new Date(),
    seq: head!.seq + 1,
    prevHash: head!.hash,
  };
  const hash = hashAuditEvent(event);
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  // One round trip for the event and its chain's new head keeps an append about a millisecond.
  await tx.$executeRaw`
    WITH event AS (
      INSERT INTO "AuditEvent" ("id", "actorId", "action", "entityType", "entityId", "before", "after", "createdAt", "seq", "prevHash", "hash")
      VALUES (${randomUUID()}, ${event.actorId}, ${event.action}, ${event.entityType}, ${event.entityId},
        ${json(event.before)}::jsonb, ${json(event.after)}::jsonb, ${event.createdAt}, ${event.seq}, ${event.prevHash}, ${hash})
    )
    UPDATE "AuditChainHead" SET "seq" = ${event.seq}, "hash" = ${hash}
    WHERE "entityType" = ${entry.entityType} AND "entityId" = ${entry.entityId}`;
}

/** Chains events written in bulk (demo data) exactly as `recordAudit` would, into empty chains. */
export function chainAuditEvents<E extends Omit<AuditEntry, "at"> & { createdAt: Date }>(events: E[]) {
  const heads = new Map<string, { entityType: string; entityId: string; seq: number; hash: string }>();
  const chained = [...events]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((e) => {
      const key = `${e.entityType}\u0000${e.entityId}`;
      const head = heads.get(key) ?? { entityType: e.entityType, entityId: e.entityId, seq: 0, hash: "" };
      const fields = { ...e, before: toJson(e.before), after: toJson(e.after), seq: head.seq + 1, prevHash: head.hash };
      const hash = hashAuditEvent(fields);
      heads.set(key, { ...head, seq: fields.seq, hash });
      return { ...fields, before: fields.before ?? undefined, after: fields.after ?? undefined, hash };
    });
  return { events: chained, heads: [...heads.values()] };
}

interface HashedFields {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
  seq: number;
  prevHash: string;
}

/**
 * SHA-256 of the event's fields in a canonical form (object keys sorted at every depth,
 * absent JSON stored as null), so the same event always hashes the same whatever order the
 * database returns its JSON keys in. The row id is left out: nothing points to an event by id,
 * its place is (record, seq).
 */
export function hashAuditEvent(event: HashedFields): string {
  const canonical = canonicalJson({
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before ?? null,
    after: event.after ?? null,
    createdAt: event.createdAt.toISOString(),
    seq: event.seq,
    prevHash: event.prevHash,
  });
  return createHash("sha256").update(canonical).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function toJson(value: unknown) {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)));
}

export interface BrokenLink {
  entityType: string;
  entityId: string;
  /** The event at fault, when it still exists. */
  eventId: string | null;
  seq: number;
  problem: "hashMismatch" | "wrongPrevious" | "missingEvent" | "unexpectedEvent" | "missingHead" | "headMismatch";
}

type StoredEvent = HashedFields & { id: string; hash: string };
type StoredHead = { entityType: string; entityId: string; seq: number; hash: string };

const EVENT_FIELDS = {
  id: true,
  actorId: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  createdAt: true,
  seq: true,
  prevHash: true,
  hash: true,
} as const;

/** Checks one chain: events in seq order, then the head that must point at the last one. */
function checkChain(events: StoredEvent[], head: StoredHead | undefined, key: { entityType: string; entityId: string }): BrokenLink | null {
  let previous = "";
  for (const [index, event] of events.entries()) {
    const at = { ...key, eventId: event.id, seq: event.seq };
    if (event.seq < index + 1) return { ...at, problem: "unexpectedEvent" };
    if (event.seq > index + 1) return { ...at, eventId: null, seq: index + 1, problem: "missingEvent" };
    if (event.prevHash !== previous) return { ...at, problem: "wrongPrevious" };
    if (hashAuditEvent(event) !== event.hash) return { ...at, problem: "hashMismatch" };
    previous = event.hash;
  }
  const lastSeq = events.at(-1)?.seq ?? 0;
  if (!head) return { ...key, eventId: events[0]?.id ?? null, seq: 1, problem: "missingHead" };
  if (lastSeq > head.seq) {
    const extra = events[head.seq]!;
    return { ...key, eventId: extra.id, seq: extra.seq, problem: "unexpectedEvent" };
  }
  if (lastSeq < head.seq) return { ...key, eventId: null, seq: lastSeq + 1, problem: "missingEvent" };
  if (head.hash !== previous) return { ...key, eventId: null, seq: head.seq, problem: "headMismatch" };
  return null;
}

function checkChains(events: StoredEvent[], heads: StoredHead[]): BrokenLink | null {
  const keyOf = (r: { entityType: string; entityId: string }) => `${r.entityType}\u0000${r.entityId}`;
  const chains = new Map<string, { key: { entityType: string; entityId: string }; events: StoredEvent[]; head?: StoredHead }>();
  const chainOf = (r: { entityType: string; entityId: string }) => {
    const k = keyOf(r);
    let chain = chains.get(k);
    if (!chain) chains.set(k, (chain = { key: { entityType: r.entityType, entityId: r.entityId }, events: [] }));
    return chain;
  };
  for (const event of events) chainOf(event).events.push(event);
  for (const head of heads) chainOf(head).head = head;
  for (const chain of chains.values()) {
    chain.events.sort((a, b) => a.seq - b.seq);
    const broken = checkChain(chain.events, chain.head, chain.key);
    if (broken) return broken;
  }
  return null;
}

/**
 * The events of these records (a file and what hangs off it) in the order they happened, with
 * who did each, and the first broken link of their chains, or null. Events and heads are found
 * by record id alone, which their `entityId` indexes serve.
 */
export async function readChainsOf(db: Tx | PrismaClient, entityIds: string[]) {
  const [events, heads] = await Promise.all([
    db.auditEvent.findMany({
      where: { entityId: { in: entityIds } },
      orderBy: [{ createdAt: "asc" }, { seq: "asc" }],
      select: { ...EVENT_FIELDS, actor: { select: { name: true } } },
    }),
    db.auditChainHead.findMany({ where: { entityId: { in: entityIds } } }),
  ]);
  return { events, broken: checkChains(events, heads) };
}

/** The first broken link in the chains of these records, or null. */
export async function findBrokenLinkOf(db: Tx | PrismaClient, entityIds: string[]): Promise<BrokenLink | null> {
  return (await readChainsOf(db, entityIds)).broken;
}

export interface AuditVerification {
  chains: number;
  events: number;
  broken: BrokenLink | null;
  /** SHA-256 over every chain head: recorded elsewhere, it exposes a trail rewritten wholesale. */
  fingerprint: string;
}

/** Walks the whole trail, a batch of chains at a time, in a stable order. */
export async function verifyAuditTrail(db: PrismaClient, batchSize = 500): Promise<AuditVerification> {
  const fingerprint = createHash("sha256");
  let chains = 0;
  let events = 0;
  let cursor: { entityType: string; entityId: string } | undefined;
  for (;;) {
    const heads = await db.auditChainHead.findMany({
      orderBy: [{ entityType: "asc" }, { entityId: "asc" }],
      take: batchSize,
      ...(cursor ? { cursor: { entityType_entityId: cursor }, skip: 1 } : {}),
    });
    if (heads.length === 0) break;
    const batch = await db.auditEvent.findMany({
      where: { OR: heads.map((h) => ({ entityType: h.entityType, entityId: h.entityId })) },
      select: EVENT_FIELDS,
    });
    chains += heads.length;
    events += batch.length;
    for (const h of heads) fingerprint.update(`${h.entityType}\u0000${h.entityId}\u0000${h.seq}\u0000${h.hash}\n`);
    const broken = checkChains(batch, heads);
    if (broken) return { chains, events, broken, fingerprint: "" };
    const last = heads.at(-1)!;
    cursor = { entityType: last.entityType, entityId: last.entityId };
  }
  // Events of a record that has no head were written around `recordAudit`.
  const [orphan] = await db.$queryRaw<{ eventId: string; entityType: string; entityId: string; seq: number }[]>`
    SELECT e."id" AS "eventId", e."entityType", e."entityId", e."seq" FROM "AuditEvent" e
    LEFT JOIN "AuditChainHead" h ON h."entityType" = e."entityType" AND h."entityId" = e."entityId"
    WHERE h."entityId" IS NULL ORDER BY e."entityType", e."entityId", e."seq" LIMIT 1`;
  if (orphan) {
    return { chains, events, broken: { ...orphan, problem: "missingHead" }, fingerprint: "" };
  }
  return { chains, events, broken: null, fingerprint: fingerprint.digest("hex") };
}
