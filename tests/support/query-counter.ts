import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/**
 * Counts the SQL statements that reach the database, whichever it is: Prisma's driver adapters
 * emit no query events, so the count is taken where they hand statements to PGlite or to the
 * PostgreSQL driver.
 */
let count = 0;

function countCalls<T extends object>(prototype: T, method: keyof T & string) {
  const original = prototype[method] as (...args: unknown[]) => unknown;
  Object.defineProperty(prototype, method, {
    configurable: true,
    writable: true,
    value: function (this: unknown, ...args: unknown[]) {
      count += 1;
      return original.apply(this, args);
    },
  });
}

countCalls(PGlite.prototype, "query");
countCalls(pg.Client.prototype, "query");

/** How many statements `work` sends to the database. */
export async function countQueries(work: () => Promise<unknown>): Promise<number> {
  const before = count;
  await work();
  return count - before;
}
