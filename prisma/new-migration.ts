import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * `npm run db:migration -- <name>` writes the next migration from the difference between the
 * schema snapshot kept beside the latest migration and the current schema.prisma. It needs no
 * database (Prisma's shadow database replay does not work on PGlite), and the migrations test
 * proves afterwards that the history rebuilds schema.prisma exactly.
 */
const name = process.argv[2]?.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:migration -- <name>");
  process.exit(1);
}
const dir = path.join("prisma", "migrations");
const latest = readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort()
  .at(-1);
const snapshot = latest ? path.join(dir, latest, "schema.prisma") : null;
if (snapshot && !existsSync(snapshot)) throw new Error(`${snapshot} is missing: cannot compute the difference.`);
const from = snapshot ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
  encoding: "utf8",
  env: { ...process.env, PGLITE_DIR: "memory:" },
});
if (!/^(CREATE|ALTER|DROP)/m.test(sql)) {
  console.log("schema.prisma matches the latest migration: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
mkdirSync(target);
writeFileSync(path.join(target, "migration.sql"), sql);
copyFileSync(path.join("prisma", "schema.prisma"), path.join(target, "schema.prisma"));
console.log(`Wrote ${target}/migration.sql`);
