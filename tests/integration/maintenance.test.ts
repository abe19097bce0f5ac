import { describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { analyzeStaleTables } from "~/db/maintenance.server";

// PostgreSQL servers run autovacuum, which may analyze at any moment: the rule is the embedded database's.
describe.skipIf(process.env.TEST_DATABASE_URL)("planner statistics on the embedded database", () => {
  it("analyzes tables never analyzed, then only those with enough changed rows", async () => {
    const first = await analyzeStaleTables(database.runner);
    expect(first).toEqual(expect.arrayContaining(["Application", "FileRank", "LoginThrottle"]));
    const [row] = await prisma.$queryRaw<{ never: number }[]>`
      SELECT count(*)::int AS never FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.reltuples < 0`;
    expect(row?.never).toBe(0);

    await prisma.loginThrottle.createMany({
      data: Array.from({ length: 80 }, (_, i) => ({ scope: "address", key: `203.0.113.${i}` })),
    });
    // Statistics reach the shared counters at most once a second unless asked now.
    await database.runner.query("SELECT pg_stat_force_next_flush()::text");
    await prisma.$queryRaw`SELECT 1`;
    expect(await analyzeStaleTables(database.runner)).toEqual(["LoginThrottle"]);
    expect(await analyzeStaleTables(database.runner)).toEqual([]);
  });
});
