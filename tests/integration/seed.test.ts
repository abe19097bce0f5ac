import { describe, it, expect, beforeAll, afterAll } from "vitest";

// The database client is created on import: choose an in-memory one first.
process.env.DATABASE_URL = "memory:";
const { database, prisma } = await import("~/db.server");
const { applyMigrations } = await import("~/db/migrations.server");
const { seedDemo } = await import("../../prisma/seed");

describe("seedDemo", () => {
  beforeAll(async () => {
    await applyMigrations(database.runner);
    await seedDemo(prisma, { now: new Date("2026-11-26T10:00:00Z") });
  });

  afterAll(async () => {
    await database.close();
  });

  it("creates the demo people, organisations and calls", async () => {
    expect(await prisma.user.count({ where: { role: "STAFF" } })).toBe(2);
    expect(await prisma.user.count({ where: { role: "REVIEWER" } })).toBe(8);
    expect(await prisma.organization.count()).toBeGreaterThanOrEqual(40);
    expect(await prisma.call.count()).toBe(2);
  });

  it("publishes the 2026 call with its four criteria", async () => {
    const call = await prisma.call.findUniqueOrThrow({
      where: { code: "GRAPPES-2026" },
      include: { criteria: true },
    });
    expect(call.status).toBe("PUBLISHED");
    expect(call.criteria).toHaveLength(4);
    expect(call.budgetCents).toBe(6_000_000_00n);
  });

  it("records the 2025 decisions with their audit trail", async () => {
    const decisions = await prisma.decision.count({ where: { application: { call: { code: "GRAPPES-2025" } } } });
    expect(decisions).toBeGreaterThan(0);
    expect(await prisma.auditEvent.count({ where: { action: "seed.decision" } })).toBe(decisions);
  });
});
