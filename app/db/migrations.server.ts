import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Applies prisma/migrations in order and records them in `_prisma_migrations`, the table
 * Prisma's own CLI keeps, so both agree on what is applied. One runner serves PGlite and
 * PostgreSQL servers alike, since Prisma's CLI cannot migrate a server offline. A runner is
 * one database connection: transactions and session locks span several of its statements.
 */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");

const LEDGER = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

async function listMigrations(dir = MIGRATIONS_DIR) {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/** Keys of the PostgreSQL advisory locks taken by start-up tasks (any constants unique to this app). */
export const STARTUP_LOCKS = { migrate: 4_172_610_001, seed: 4_172_610_002 } as const;

/**
 * Runs `task` while holding a session advisory lock: servers starting together on one database
 * take turns, and the second one then finds the work done. The lock goes with the connection
 * if the process dies.
 */
export async function withAdvisoryLock<T>(runner: SqlRunner, key: number, task: () => Promise<T>): Promise<T> {
  await runner.query("SELECT pg_advisory_lock($1)", [key]);
  try {
    return await task();
  } finally {
    await runner.query("SELECT pg_advisory_unlock($1)", [key]);
  }
}

export function applyMigrations(runner: SqlRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  return withAdvisoryLock(runner, STARTUP_LOCKS.migrate, () => applyPendingMigrations(runner, dir));
}

async function applyPendingMigrations(runner: SqlRunner, dir: string): Promise<string[]> {
  await runner.exec(LEDGER);
  const done = await runner.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Map(done.map((row) => [row.migration_name, row.checksum]));
  const newlyApplied: string[] = [];
  for (const migration of await listMigrations(dir)) {
    const known = applied.get(migration.name);
    if (known) {
      if (known !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was edited after it was applied.`);
      }
      continue;
    }
    await runner.exec("BEGIN");
    try {
      await runner.exec(migration.sql);
      await runner.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      await runner.exec("COMMIT");
    } catch (error) {
      await runner.exec("ROLLBACK");
      throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
    }
    newlyApplied.push(migration.name);
  }
  return newlyApplied;
}
