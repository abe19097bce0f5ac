import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { applyMigrations } from "~/db/migrations.server";

/**
 * Each integration test file gets its own empty, migrated database: an in-memory PGlite by
 * default, or a fresh database on the PostgreSQL server named by TEST_DATABASE_URL.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
let dropDatabase: (() => Promise<void>) | undefined;

if (serverUrl) {
  const name = `laureat_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };
} else {
  process.env.DATABASE_URL = "memory:";
}

const storageDir = mkdtempSync(path.join(tmpdir(), "laureat-uploads-"));
process.env.STORAGE_DIR = storageDir;
process.env.SESSION_SECRET ??= "integration-test-secret";
process.env.APP_URL ??= "http://localhost:3000";
delete process.env.SMTP_URL;

const { database } = await import("~/db.server");
await applyMigrations(database.runner);

afterAll(async () => {
  await database.close();
  await dropDatabase?.();
  rmSync(storageDir, { recursive: true, force: true });
});
