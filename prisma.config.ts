import path from "node:path";
import { mkdirSync } from "node:fs";
import { defineConfig } from "prisma/config";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

// The CLI runs on its bundled WASM engines and talks to the embedded database through
// the PGlite adapter, so nothing is downloaded. Migrations are applied by `npm run db:migrate`
// (see README), on the embedded database and on PostgreSQL servers alike.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const dataDir = process.env.PGLITE_DIR ?? path.join("data", "pglite");
    // "memory:" serves the commands that read no data (generate, diff) without opening a folder.
    const pglite = dataDir === "memory:" ? new PGlite() : (mkdirSync(path.dirname(dataDir), { recursive: true }), new PGlite(dataDir));
    // The adapter predates Prisma 6.19's types; the runtime contract is the same.
    return new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  },
});
