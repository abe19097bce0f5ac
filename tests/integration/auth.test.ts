import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as loginRoute from "~/routes/connexion";
import * as signupRoute from "~/routes/inscription";
import * as logoutRoute from "~/routes/deconnexion";
import * as applicantHome from "~/routes/espace._index";
import { hashPassword } from "~/auth/password.server";
import { getCurrentUser } from "~/auth/session.server";
import { createUser } from "../support/factories";
import { formErrors, postForm } from "../support/remix";

function cookieOf(response: Response): string {
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
}

describe("accounts and sessions", () => {
  it("signs up an applicant with an argon2id hash and opens a session", async () => {
    const response = await postForm(signupRoute.action, {
      name: "Délégation générale",
      email: "Nouvelle.Grappe@Example.org",
      password: "une phrase de passe solide",
      confirmPassword: "une phrase de passe solide",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/espace/structure");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "nouvelle.grappe@example.org" } });
    expect(user.role).toBe("APPLICANT");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const session = await getCurrentUser(new Request("http://localhost/", { headers: { Cookie: cookieOf(response) } }));
    expect(session?.email).toBe("nouvelle.grappe@example.org");
  });

  it("refuses a second account with the same email", async () => {
    const existing = await createUser("APPLICANT");
    const response = await postForm(signupRoute.action, {
      name: "Autre personne",
      email: existing.email.toUpperCase(),
      password: "une phrase de passe solide",
      confirmPassword: "une phrase de passe solide",
    });
    expect(response.status).toBe(409);
    expect(await formErrors(response)).toEqual({ email: ["emailTaken"] });
    expect(await prisma.user.count({ where: { email: existing.email } })).toBe(1);
  });

  it("logs in with the right password only, and sends each role home", async () => {
    const reviewer = await prisma.user.create({
      data: { email: "expert@example.org", name: "Expert", role: "REVIEWER", passwordHash: await hashPassword("mot de passe correct") },
    });
    const wrong = await postForm(loginRoute.action, { email: reviewer.email, password: "mauvais mot de passe" });
    expect(wrong.status).toBe(400);
    expect(await formErrors(wrong)).toEqual({ "": ["badCredentials"] });
    expect(wrong.headers.get("Set-Cookie")).toBeNull();

    const right = await postForm(loginRoute.action, { email: reviewer.email, password: "mot de passe correct" });
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toBe("/expertise");

    const elsewhere = await postForm(loginRoute.action, { email: reviewer.email, password: "mot de passe correct", redirectTo: "//evil.example" });
    expect(elsewhere.headers.get("Location")).toBe("/expertise");
  });

  it("refuses an address after five failed attempts, even with the right password", async () => {
    await prisma.user.create({
      data: { email: "cible@example.org", name: "Cible", passwordHash: await hashPassword("mot de passe correct") },
    });
    for (let i = 0; i < 5; i++) {
      expect((await postForm(loginRoute.action, { email: "cible@example.org", password: `essai ${i}` })).status).toBe(400);
    }
    const blocked = await postForm(loginRoute.action, { email: "Cible@example.org", password: "mot de passe correct" });
    expect(blocked.status).toBe(429);
    expect(await formErrors(blocked)).toEqual({ "": ["tooManyAttempts"] });
    expect(await prisma.auditEvent.count({ where: { action: "auth.login_failed", entityId: "cible@example.org" } })).toBe(5);
  });

  it("ends the session on the server at logout", async () => {
    const applicant = await prisma.user.create({
      data: { email: "porteur@example.org", name: "Porteur", passwordHash: await hashPassword("mot de passe correct") },
    });
    const login = await postForm(loginRoute.action, { email: applicant.email, password: "mot de passe correct" });
    const cookie = cookieOf(login);
    const logout = await logoutRoute.action({
      request: new Request("http://localhost/deconnexion", { method: "POST", headers: { Cookie: cookie } }),
      params: {},
      context: {},
    });
    expect(logout.status).toBe(302);
    expect(await prisma.session.count({ where: { userId: applicant.id } })).toBe(0);
    // The old cookie, replayed, no longer opens anything.
    const replay = await applicantHome
      .loader({ request: new Request("http://localhost/espace", { headers: { Cookie: cookie } }), params: {}, context: {} })
      .catch((thrown: Response) => thrown);
    expect((replay as Response).headers.get("Location")).toContain("/connexion");
  });
});
