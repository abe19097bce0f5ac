import { execFileSync } from "node:child_process";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "~/db/migrations.server";

/** Everything Prisma's schema decides: columns, enums, keys, constraints and indexes. */
async function describeSchema(db: PGlite) {
  const q = async (sql: string) => (await db.query<Record<string, unknown>>(sql)).rows;
  return {
    columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`),
    enums: await q(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
      ORDER BY t.typname, e.enumsortorder`),
    constraints: await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY tbl, conname`),
    indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`),
  };
}

function runnerFor(db: PGlite) {
  return {
    exec: async (sql: string) => void (await db.exec(sql)),
    query: async <Row,>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
  };
}

/**
 * Both tests build their databases in PGlite whatever the run's database: the run against the
 * PostgreSQL server (TEST_DATABASE_URL) would only repeat them, so it skips them.
 */
describe.skipIf(process.env.TEST_DATABASE_URL)("migrations", () => {
  // The Prisma CLI takes a while to start on a busy machine.
  it("rebuild exactly the schema described by schema.prisma", { timeout: 120_000 }, async () => {
    // The CLI's config opens an embedded database even for a diff; an in-memory one keeps it
    // away from the app's, which a running server may hold.
    const expectedSql = execFileSync(
      "npx",
      ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, PGLITE_DIR: "memory:" } },
    );
    const fromSchema = new PGlite();
    await fromSchema.exec(expectedSql);
    const fromMigrations = new PGlite();
    const applied = await applyMigrations(runnerFor(fromMigrations));
    expect(applied.length).toBeGreaterThan(0);

    const expected = await describeSchema(fromSchema);
    expect(expected.columns.length).toBeGreaterThan(50);
    expect(await describeSchema(fromMigrations)).toEqual(expected);
    await Promise.all([fromSchema.close(), fromMigrations.close()]);
  });

  it("apply each migration once and refuse an edited one", async () => {
    const db = new PGlite();
    const runner = runnerFor(db);
    await applyMigrations(runner);
    expect(await applyMigrations(runner)).toEqual([]);
    await db.exec(`UPDATE "_prisma_migrations" SET checksum = 'tampered'`);
    await expect(applyMigrations(runner)).rejects.toThrow(/edited after it was applied/);
    await db.close();
  });
});
