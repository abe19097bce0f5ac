import type { SqlRunner } from "~/db/migrations.server";

/**
 * PostgreSQL servers keep the planner's statistics fresh themselves (autovacuum). The embedded
 * PGlite has no background worker: left alone, its planner guesses every table's size and reads
 * a whole call where an index range of fifty rows would do. This applies autovacuum's own
 * analyze rule instead: a table is analyzed when it never was, or when more rows changed since
 * the last time than 50 plus a tenth of its size.
 */
export async function analyzeStaleTables(runner: SqlRunner): Promise<string[]> {
  const stale = await runner.query<{ table: string }>(`
    SELECT c.relname AS "table"
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
    WHERE n.nspname = 'public' AND c.relkind = 'r'
      AND (c.reltuples < 0 OR COALESCE(s.n_mod_since_analyze, 0) > 50 + 0.1 * GREATEST(c.reltuples, 0))
    ORDER BY c.relname`);
  for (const { table } of stale) await runner.exec(`ANALYZE "${table.replace(/"/g, '""')}"`);
  return stale.map((s) => s.table);
}

const CHECK_EVERY_MS = 60_000;

/** Checks shortly after start, then every minute; each check is one catalog query when nothing changed. */
export function startEmbeddedMaintenance(runner: SqlRunner): void {
  const run = () =>
    analyzeStaleTables(runner).catch((error: unknown) => console.error("Statistics refresh failed:", (error as Error).message));
  setTimeout(() => void run(), 1_000).unref();
  setInterval(() => void run(), CHECK_EVERY_MS).unref();
}
