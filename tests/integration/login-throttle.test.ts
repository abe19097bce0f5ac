import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as loginRoute from "~/routes/connexion";
import { hashPassword } from "~/auth/password.server";
import { CLIENT_ADDRESS_HEADER } from "~/http/client-address.server";
import { formErrors, postForm } from "../support/remix";

const PASSWORD = "mot de passe correct";

async function account(email: string) {
  await prisma.user.create({ data: { email, name: "Titulaire", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() } });
  return email;
}

function login(email: string, password: string, address = "198.51.100.7", cookie?: string) {
  return postForm(loginRoute.action, { email, password }, { headers: { [CLIENT_ADDRESS_HEADER]: address, ...(cookie ? { Cookie: cookie } : {}) } });
}

/** Counters are stored with their deadline: moving it back is the same as waiting. */
async function waitOut() {
  await prisma.loginThrottle.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } });
}

const passwordChecks = () => prisma.auditEvent.count({ where: { action: { in: ["auth.login", "auth.login_failed"] } } });

describe("login throttle", () => {
  it("lets a burst of parallel guesses check no more passwords than the free attempts, even with the right one among them", async () => {
    const email = await account("rafale@example.org");
    const responses = await Promise.all([
      ...Array.from({ length: 39 }, (_, i) => login(email, `essai ${i}`)),
      login(email, PASSWORD),
    ]);
    expect(await passwordChecks()).toBeLessThanOrEqual(5);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(35);
    for (const response of refused) expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await formErrors(refused[0]!)).toEqual({ "": ["tooManyAttempts"] });
  });

  it("makes one address wait longer after each further failure on one account, and writes nothing while it waits", async () => {
    const email = await account("patience@example.org");
    for (let i = 0; i < 5; i++) expect((await login(email, `essai ${i}`)).status).toBe(400);
    const first = await login(email, PASSWORD);
    expect(first.status).toBe(429);
    const firstWait = Number(first.headers.get("Retry-After"));
    expect(firstWait).toBeGreaterThan(20);
    const before = await passwordChecks();
    for (let i = 0; i < 10; i++) expect((await login(email, "encore")).status).toBe(429);
    expect(await passwordChecks()).toBe(before);

    await waitOut();
    expect((await login(email, "raté")).status).toBe(400);
    const second = Number((await login(email, PASSWORD)).headers.get("Retry-After"));
    expect(second).toBeGreaterThan(firstWait);

    await waitOut();
    expect((await login(email, PASSWORD)).status).toBe(302);
  });

  it("does not let a stranger lock the owner out: the owner waits a minute at most, and not at all on a browser already used", async () => {
    const email = await account("dirigeante@example.org");
    const known = await login(email, PASSWORD, "192.0.2.10");
    const deviceCookie = known.headers
      .getSetCookie()
      .filter((c) => c.startsWith("__device="))
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(deviceCookie).not.toBe("");

    // Someone else guesses from many addresses, as long as the counters let them.
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 8; i++) await login(email, `devinette ${round}-${i}`, `203.0.113.${round * 8 + i}`);
      await waitOut();
    }
    for (let i = 0; i < 12; i++) await login(email, `devinette finale ${i}`, `203.0.113.${100 + i}`);

    const fromKnownBrowser = await login(email, PASSWORD, "192.0.2.10", deviceCookie);
    expect(fromKnownBrowser.status).toBe(302);

    await login(email, "devinette après", "203.0.113.200");
    for (let i = 0; i < 12; i++) await login(email, `devinette ${i}`, `203.0.113.${150 + i}`);
    const fromNewBrowser = await login(email, PASSWORD, "192.0.2.11");
    if (fromNewBrowser.status === 429) expect(Number(fromNewBrowser.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    else expect(fromNewBrowser.status).toBe(302);
  });

  it("slows down one address trying many accounts", async () => {
    const responses = [];
    for (let i = 0; i < 24; i++) responses.push((await login(`inconnu-${i}@example.org`, "123456", "203.0.113.77")).status);
    expect(responses.slice(0, 20).every((status) => status === 400)).toBe(true);
    expect(responses.slice(20).every((status) => status === 429)).toBe(true);
    // Another address is not affected.
    expect((await login("inconnu-0@example.org", "123456", "203.0.113.78")).status).toBe(400);
  });
});
