import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { DriverAdapterError, type SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "~/generated/prisma/client";
import type { SqlRunner } from "~/db/migrations.server";
import { config } from "~/config.server";

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
  const pool = new pg.Pool({ connectionString: url, max: config().env.DATABASE_POOL_SIZE });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (error) => console.error("PostgreSQL idle connection lost:", error.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // The runner's BEGIN … COMMIT and advisory locks must all reach one connection, not any of the pool's.
  let runnerClient: Promise<pg.PoolClient> | undefined;
  const runnerConnection = () => (runnerClient ??= pool.connect());
  return {
    prisma,
    kind: "postgres",
    runner: {
      async exec(sql) {
        await (await runnerConnection()).query(sql);
      },
      async query(sql, params) {
        return (await (await runnerConnection()).query(sql, params)).rows;
      },
    },
    async close() {
      await prisma.$disconnect();
      const client = runnerClient;
      runnerClient = undefined;
      if (client) (await client).release();
      if (!pool.ended) await pool.end();
    },
  };
}

function connectPGlite(dataDir: string | undefined): Database {
  if (dataDir) mkdirSync(path.dirname(dataDir), { recursive: true });
  // PostgreSQL's default 128 MB of shared buffers live inside the process here, on top of the
  // operating system's own file cache that already holds the folder's pages: 32 MB keeps the
  // server's memory within budget, and pages a request reads are a few dozen blocks.
  const pglite = new PGlite(dataDir, { postgresqlconf: ["shared_buffers=32MB"] });
  const prisma = new PrismaClient({ adapter: pgliteAdapter(pglite) });
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
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * pglite-prisma-adapter 0.6 speaks an older revision of Prisma's adapter interface. Its
 * methods are the same, but Prisma 6.19 sends `Bytes` values as base64 text described by
 * `argTypes`, which the adapter forwards untouched and PGlite then refuses for `bytea`; and the
 * adapter reports a unique violation as a raw PostgreSQL error, where Prisma 6.19 expects the
 * kind it turns into P2002 (as PostgreSQL servers report it through adapter-pg). This wrapper
 * bridges both; everything else passes through.
 */
type Query = { args: unknown[]; argTypes: ({ scalarType?: string } | undefined)[] };

function decodeBytes<Q extends Query>(query: Q): Q {
  const args = query.args.map((arg, i) =>
    typeof arg === "string" && query.argTypes[i]?.scalarType === "bytes" ? Buffer.from(arg, "base64") : arg,
  );
  return { ...query, args };
}

function translateError(error: unknown): never {
  const cause = (error as { cause?: { kind?: string; code?: string; detail?: string } }).cause;
  // The adapter throws its own copy of DriverAdapterError, so the class cannot be compared.
  if ((error as Error).name === "DriverAdapterError" && cause?.kind === "postgres" && cause.code === "23505") {
    const fields = cause.detail?.match(/Key \(([^)]+)\)/)?.[1]?.split(", ");
    throw new DriverAdapterError({ kind: "UniqueConstraintViolation", constraint: fields ? { fields } : undefined });
  }
  throw error;
}

function withBytesDecoding<T extends object>(queryable: T): T {
  return new Proxy(queryable, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw") {
        return (query: Query) => value.call(target, decodeBytes(query)).catch(translateError);
      }
      if (property === "startTransaction" || property === "connect") {
        return async (...args: unknown[]) => withBytesDecoding(await value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}

function pgliteAdapter(pglite: PGlite): SqlDriverAdapterFactory {
  return withBytesDecoding(new PrismaPGlite(pglite)) as unknown as SqlDriverAdapterFactory;
}

function connectDatabase(): Database {
  const { DATABASE_URL: url, PGLITE_DIR } = config().env;
  if (url === "memory:") return connectPGlite(undefined);
  if (url) return connectPostgres(url);
  return connectPGlite(PGLITE_DIR ?? path.join(process.cwd(), "data", "pglite"));
}

// One client per process: PGlite allows a single opener per folder, and the dev server
// re-evaluates modules on every rebuild.
const globalForDb = globalThis as unknown as { __laureatDb?: Database };
export const database: Database = (globalForDb.__laureatDb ??= connectDatabase());
export const prisma = database.prisma;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * remix-serve stops accepting requests on SIGINT/SIGTERM but the open database keeps the
 * process alive; closing it lets the process end, and lets PGlite flush its folder cleanly.
 */
export function closeDatabaseOnShutdown() {
  const flag = globalThis as unknown as { __laureatShutdownHook?: boolean };
  if (flag.__laureatShutdownHook) return;
  flag.__laureatShutdownHook = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void database.close().finally(() => process.exit(0));
    });
  }
}
