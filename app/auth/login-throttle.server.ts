import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";

export type ThrottleScope = "pair" | "account" | "address";

interface Policy {
  /** Failures allowed before any wait. */
  freeAttempts: number;
  firstDelayMs: number;
  longestDelayMs: number;
}

/**
 * Three counters, so that guessing is slow without handing a stranger the power to lock an
 * owner out. One client address trying one account is held back hardest: that is a guesser's
 * own budget. One address trying many accounts (password spraying) comes next. An account tried
 * from many addresses only slows down, to one attempt a minute at worst: its owner, from their
 * own address, never waits longer than that however hard someone else tries, and not at all on
 * a browser where they signed in before (see `knownDevice`).
 */
export const LOGIN_POLICIES: Record<ThrottleScope, Policy> = {
  pair: { freeAttempts: 5, firstDelayMs: 30_000, longestDelayMs: 15 * 60_000 },
  address: { freeAttempts: 20, firstDelayMs: 10_000, longestDelayMs: 15 * 60_000 },
  account: { freeAttempts: 10, firstDelayMs: 1_000, longestDelayMs: 60_000 },
};

/** A counter untouched for this long starts again from zero. */
export const THROTTLE_MEMORY_MS = 24 * 3600_000;

/** Pure: the wait imposed after this many failures; it doubles past the free attempts, up to a ceiling. */
export function delayAfter(policy: Policy, failures: number): number {
  if (failures < policy.freeAttempts) return 0;
  return Math.min(policy.firstDelayMs * 2 ** (failures - policy.freeAttempts), policy.longestDelayMs);
}

export type Reservation = { allowed: true } | { allowed: false; retryAt: Date };

interface ThrottleRow {
  scope: ThrottleScope;
  key: string;
  failures: number;
  nextAttemptAt: Date;
  updatedAt: Date;
}

export interface LoginAttempt {
  email: string;
  address: string;
  /** The browser carries proof of an earlier sign-in to this account: the account's counter does not apply. */
  knownDevice: boolean;
}

function keysFor({ email, address, knownDevice }: LoginAttempt): [ThrottleScope, string][] {
  // Sorted by scope, so that concurrent attempts take the row locks in one order and never deadlock.
  const keys: [ThrottleScope, string][] = [
    ["account", email],
    ["address", address],
    ["pair", `${address} ${email}`],
  ];
  return knownDevice ? keys.filter(([scope]) => scope !== "account") : keys;
}

/**
 * Takes a turn to try a password, or says when the next turn comes. The attempt is counted as
 * a failure before the password is checked (and given back on success), under row locks: a
 * burst of parallel guesses gets exactly the free attempts, never one more.
 */
export async function reserveLoginAttempt(attempt: LoginAttempt, now = new Date()): Promise<Reservation> {
  const keys = keysFor(attempt);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "LoginThrottle" ("scope", "key", "failures", "nextAttemptAt", "updatedAt")
      VALUES ${Prisma.join(keys.map(([scope, key]) => Prisma.sql`(${scope}, ${key}, 0, ${now}, ${now})`))}
      ON CONFLICT ("scope", "key") DO NOTHING`;
    const rows = await tx.$queryRaw<ThrottleRow[]>`
      SELECT "scope", "key", "failures", "nextAttemptAt", "updatedAt" FROM "LoginThrottle"
      WHERE ("scope", "key") IN (${Prisma.join(keys.map(([scope, key]) => Prisma.sql`(${scope}, ${key})`))})
      ORDER BY "scope", "key"
      FOR UPDATE`;
    const waits = rows.filter((row) => row.nextAttemptAt > now).map((row) => row.nextAttemptAt.getTime());
    if (waits.length > 0) return { allowed: false, retryAt: new Date(Math.max(...waits)) };
    for (const row of rows) {
      const failures = now.getTime() - row.updatedAt.getTime() > THROTTLE_MEMORY_MS ? 1 : row.failures + 1;
      await tx.$executeRaw`
        UPDATE "LoginThrottle"
        SET "failures" = ${failures}, "nextAttemptAt" = ${new Date(now.getTime() + delayAfter(LOGIN_POLICIES[row.scope], failures))}, "updatedAt" = ${now}
        WHERE "scope" = ${row.scope} AND "key" = ${row.key}`;
    }
    return { allowed: true };
  });
}

/**
 * The right password clears the account's counters; the address keeps its others, since one
 * success does not make the rest of its guesses honest.
 */
export async function releaseLoginAttempt(attempt: LoginAttempt, now = new Date()): Promise<void> {
  const keys = keysFor({ ...attempt, knownDevice: false });
  await prisma.$executeRaw`
    UPDATE "LoginThrottle"
    SET "failures" = CASE WHEN "scope" = 'address' THEN GREATEST("failures" - 1, 0) ELSE 0 END,
        "nextAttemptAt" = CASE WHEN "scope" = 'address' THEN "nextAttemptAt" ELSE ${now} END
    WHERE ("scope", "key") IN (${Prisma.join(keys.map(([scope, key]) => Prisma.sql`(${scope}, ${key})`))})`;
}

/** Counters nobody has touched for a day are worth nothing: removed at start-up. */
export async function pruneLoginThrottle(now = new Date()): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM "LoginThrottle" WHERE "updatedAt" < ${new Date(now.getTime() - THROTTLE_MEMORY_MS)} AND "nextAttemptAt" < ${now}`;
}
