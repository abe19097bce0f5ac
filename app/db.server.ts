import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import type { SqlRunner } from "~/db/migrations.server";

/**
 * DATABASE_URL picks the database:
 * - `postgresql://…` (or `postgres://…`): a PostgreSQL server, shared by any number of processes;
 * - `memory:`: an in-memory PGlite, for tests;
 * - unset: the embedded PGlite in PGLITE_DIR (default `data/pglite`).
 */
interface Database {
  prisma: PrismaClient;
  runner: SqlRunner;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

function connectPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: "postgres",
    runner: {
      async exec(sql) {
        await pool.query(sql);
      },
      async query(sql, params) {
        return (await pool.query(sql, params)).rows;
      },
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function connectPGlite(dataDir: string | undefined): Database {
  if (dataDir) mkdirSync(path.dirname(dataDir), { recursive: true });
  const pglite = new PGlite(dataDir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  // BEGIN/COMMIT issued one by one must reach the same connection: PGlite has exactly one.
  return {
    prisma,
    kind: "pglite",
    runner: {
      async exec(sql) {
        await pglite.exec(sql);
      },
      async query(sql, params) {
        return (await pglite.query(sql, params)).rows as never[];
      },
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

export function connectDatabase(url = process.env.DATABASE_URL): Database {
  if (url && /^postgres(ql)?:\/\//.test(url)) return connectPostgres(url);
  if (url === "memory:") return connectPGlite(undefined);
  return connectPGlite(process.env.PGLITE_DIR ?? path.join(process.cwd(), "data", "pglite"));
}

// One client per process: PGlite allows a single opener per folder, and the dev server
// re-evaluates modules on every rebuild.
const globalForDb = globalThis as unknown as { __laureatDb?: Database };
export const database: Database = (globalForDb.__laureatDb ??= connectDatabase());
export const prisma = database.prisma;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
