import { database } from "~/db.server";
import { applyMigrations } from "~/db/migrations.server";

// `npm run db:migrate`: the one command that migrates the embedded database or, with
// DATABASE_URL=postgresql://…, a PostgreSQL server.
const applied = await applyMigrations(database.runner);
console.log(applied.length ? `Migrations applied: ${applied.join(", ")}` : "Database schema is up to date.");
await database.close();
