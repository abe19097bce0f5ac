import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, type SqlRunner } from "~/db/migrations.server";

/**
 * Two servers starting together on one PostgreSQL database: each process has its own
 * connection, so these tests need the server (TEST_DATABASE_URL).
 */
const serverUrl = process.env.TEST_DATABASE_URL;

async function withFreshDatabase(test: (url: string) => Promise<void>) {
  const name = `laureat_lock_${process.pid}_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  try {
    await test(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function connect(url: string): Promise<SqlRunner & { end(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async (sql, params) => (await client.query(sql, params)).rows,
    end: () => client.end(),
  };
}

describe.runIf(serverUrl)("start-up on several processes", () => {
  it("applies each migration once when two processes migrate the same database together", async () => {
    await withFreshDatabase(async (url) => {
      const [first, second] = await Promise.all([connect(url), connect(url)]);
      try {
        const results = await Promise.all([applyMigrations(first), applyMigrations(second)]);
        const applied = results.flat();
        expect(applied.length).toBeGreaterThan(0);
        expect(new Set(applied).size).toBe(applied.length);
        expect(results.some((names) => names.length === 0)).toBe(true);
        const ledger = await first.query<{ migration_name: string; n: number }>(
          `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name`,
        );
        expect(ledger.map((row) => row.n)).toEqual(ledger.map(() => 1));
        expect(ledger.map((row) => row.migration_name).sort()).toEqual([...applied].sort());
      } finally {
        await Promise.all([first.end(), second.end()]);
      }
    });
  });

  it("seeds the demo data once when two servers start together", async () => {
    await withFreshDatabase(async (url) => {
      const storage = mkdtempSync(path.join(tmpdir(), "laureat-seed-"));
      const env = { ...process.env, DATABASE_URL: url, STORAGE_DIR: storage };
      const run = () => promisify(execFile)("npx", ["tsx", "prisma/seed.ts"], { env });
      try {
        const outputs = (await Promise.all([run(), run()])).map((o) => o.stdout);
        expect(outputs.filter((o) => o.includes("Données de démonstration créées"))).toHaveLength(1);
        expect(outputs.filter((o) => o.includes("Base déjà initialisée"))).toHaveLength(1);
        const check = await connect(url);
        const [calls] = await check.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Call"`);
        await check.end();
        expect(calls!.n).toBe(2);
        // The demo history, written in bulk, is chained like any other.
        const verified = await promisify(execFile)("npx", ["tsx", "prisma/audit-verify.ts"], { env });
        expect(verified.stdout).toContain("Audit trail intact");
      } finally {
        rmSync(storage, { recursive: true, force: true });
      }
    });
  }, 120_000);
});
