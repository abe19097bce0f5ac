import path from "node:path";
import { mkdirSync } from "node:fs";
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

// The CLI runs on its bundled WASM engines and talks to the embedded database through
// the PGlite adapter, so nothing is downloaded. PostgreSQL servers are migrated by
// `npm run db:migrate` (see README), which reads the same migration files.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const dataDir = process.env.PGLITE_DIR ?? path.join("data", "pglite");
    mkdirSync(path.dirname(dataDir), { recursive: true });
    return new PrismaPGlite(new PGlite(dataDir));
  },
});
