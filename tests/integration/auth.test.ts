import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as loginRoute from "~/routes/connexion";
import * as signupRoute from "~/routes/inscription";
import * as confirmRoute from "~/routes/inscription_.confirmer";
import * as logoutRoute from "~/routes/deconnexion";
import * as applicantHome from "~/routes/espace._index";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { getCurrentUser } from "~/auth/session.server";
import { runInRequestContext } from "~/http/request-context.server";
import { confirmationTokenFor, createUser } from "../support/factories";
import { callLoader, flashOf, formErrors, postForm } from "../support/remix";

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

function signup(email: string, password = "une phrase de passe solide") {
  return postForm(signupRoute.action, { name: "Délégation générale", email, password, confirmPassword: password });
}

async function confirm(token: string) {
  return postForm(confirmRoute.action, { token });
}

/** What a browser carrying the cookie sees: a fresh request, so nothing is remembered from another. */
function currentUserWith(cookie: string) {
  return runInRequestContext(() => getCurrentUser(new Request("http://localhost/", { headers: { Cookie: cookie } })));
}

async function confirmationEmails(email: string) {
  return prisma.emailMessage.findMany({ where: { toAddress: email, template: "account-confirmation" } });
}

describe("sign-up", () => {
  it("opens an applicant account only once the emailed link is confirmed, with an argon2id hash", async () => {
    const response = await signup("Nouvelle.Grappe@Example.org");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/connexion");
    expect(await flashOf(response)).toEqual({ kind: "notice", key: "signupEmailSent" });
    expect(response.headers.getSetCookie().some((c) => c.startsWith("__session="))).toBe(false);

    const user = await prisma.user.findUniqueOrThrow({ where: { email: "nouvelle.grappe@example.org" } });
    expect(user.role).toBe("APPLICANT");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.emailVerifiedAt).toBeNull();
    expect(await confirmationEmails(user.email)).toHaveLength(1);

    // Signing in before confirming is refused, even with the right password.
    const early = await postForm(loginRoute.action, { email: user.email, password: "une phrase de passe solide" });
    expect(early.status).toBe(400);
    expect(await formErrors(early)).toEqual({ "": ["emailNotConfirmed"] });

    // Opening the link (as a mail scanner would) changes nothing; the button does.
    const token = await confirmationTokenFor(user.id);
    const page = await callLoader(confirmRoute.loader, { path: `/inscription/confirmer?jeton=${token}` });
    expect(await page.json()).toEqual({ token });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();

    const confirmed = await confirm(token);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/espace/structure");
    expect(await flashOf(confirmed)).toEqual({ kind: "notice", key: "emailConfirmed" });
    expect((await currentUserWith(cookieOf(confirmed)))?.email).toBe("nouvelle.grappe@example.org");

    // The link works once.
    const again = await confirm(token);
    expect(again.status).toBe(400);
    expect(await formErrors(again)).toEqual({ "": ["confirmationInvalid"] });
    const stale = await callLoader(confirmRoute.loader, { path: `/inscription/confirmer?jeton=${token}` });
    expect(await stale.json()).toEqual({ token: null });
  });

  it("answers the same whether or not the address has an account, and tells the owner instead", async () => {
    const owner = await prisma.user.create({
      data: { email: "deja@example.org", name: "Propriétaire", passwordHash: await hashPassword("mot de passe du propriétaire"), emailVerifiedAt: new Date() },
    });
    const known = await signup("DEJA@example.org", "une autre phrase de passe");
    const unknown = await signup("jamais-vu@example.org");
    for (const response of [known, unknown]) {
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/connexion");
      expect(await flashOf(response)).toEqual({ kind: "notice", key: "signupEmailSent" });
    }
    expect(await prisma.user.count({ where: { email: "deja@example.org" } })).toBe(1);
    const mail = await prisma.emailMessage.findMany({ where: { toAddress: owner.email } });
    expect(mail.map((m) => m.template)).toEqual(["account-exists"]);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(await verifyPassword(after.passwordHash, "mot de passe du propriétaire")).toBe(true);
  });

  it("keeps a stranger who signed up first with someone's address from holding the account", async () => {
    await signup("cible@example.org", "phrase choisie par un intrus");
    await prisma.emailMessage.deleteMany({ where: { toAddress: "cible@example.org" } });
    // The owner signs up later (after the pause between two emails) and follows their own link.
    await prisma.accountToken.updateMany({ data: { createdAt: new Date(Date.now() - 3600_000) } });
    await signup("cible@example.org", "phrase choisie par la titulaire");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "cible@example.org" } });
    expect((await confirm(await confirmationTokenFor(user.id))).status).toBe(302);

    const intruder = await postForm(loginRoute.action, { email: "cible@example.org", password: "phrase choisie par un intrus" });
    expect(await formErrors(intruder)).toEqual({ "": ["badCredentials"] });
    const owner = await postForm(loginRoute.action, { email: "cible@example.org", password: "phrase choisie par la titulaire" });
    expect(owner.status).toBe(302);
  });

  it("sends at most one confirmation email in five minutes for one address", async () => {
    await signup("repete@example.org");
    await signup("repete@example.org");
    await signup("repete@example.org");
    expect(await confirmationEmails("repete@example.org")).toHaveLength(1);
  });

  it("refuses a common password next to the field and never sends a typed password back", async () => {
    const weak = "motdepasse123";
    const response = await signup("faible@example.org", weak);
    expect(response.status).toBe(400);
    expect(await formErrors(response.clone())).toEqual({ password: ["passwordTooWeak"] });
    const body = await response.text();
    expect(body).not.toContain(weak);
    expect(body).toContain("faible@example.org");

    const differing = await postForm(signupRoute.action, {
      name: "Délégation",
      email: "faible@example.org",
      password: "une phrase de passe solide",
      confirmPassword: "une phrase de passe solidE",
    });
    const text = await differing.text();
    expect(text).not.toContain("une phrase de passe solide");
    expect(text).not.toContain("une phrase de passe solidE");
    expect(await prisma.user.count({ where: { email: "faible@example.org" } })).toBe(0);
  });

  it("sends signed-in people to their home page instead of the sign-up and login forms", async () => {
    const applicant = await createUser("APPLICANT");
    const response = await postForm(signupRoute.action, { name: "x" }, { userId: applicant.id });
    expect(response.headers.get("Location")).toBe("/espace");
    const login = await postForm(loginRoute.action, { email: applicant.email, password: "x" }, { userId: applicant.id });
    expect(login.headers.get("Location")).toBe("/espace");
  });
});

describe("sign-in and sessions", () => {
  it("logs in with the right password only, and sends each role home", async () => {
    const reviewer = await prisma.user.create({
      data: { email: "expert@example.org", name: "Expert", role: "REVIEWER", passwordHash: await hashPassword("mot de passe correct"), emailVerifiedAt: new Date() },
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

  it("ends the session on the server at logout", async () => {
    const applicant = await prisma.user.create({
      data: { email: "porteur@example.org", name: "Porteur", passwordHash: await hashPassword("mot de passe correct"), emailVerifiedAt: new Date() },
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

  it("ends a session left idle for more than two hours, and any session after twelve hours", async () => {
    const applicant = await prisma.user.create({
      data: { email: "inactif@example.org", name: "Inactif", passwordHash: await hashPassword("mot de passe correct"), emailVerifiedAt: new Date() },
    });
    const login = async () => cookieOf(await postForm(loginRoute.action, { email: applicant.email, password: "mot de passe correct" }));

    const idle = await login();
    const [session] = await prisma.session.findMany({ where: { userId: applicant.id } });
    expect(Math.abs(session!.expiresAt.getTime() - session!.createdAt.getTime() - 12 * 3600_000)).toBeLessThan(1000);
    await prisma.session.update({ where: { id: session!.id }, data: { lastSeenAt: new Date(Date.now() - 119 * 60_000) } });
    expect(await currentUserWith(idle)).not.toBeNull();
    // Being active moved the idle deadline forward.
    expect((await prisma.session.findUniqueOrThrow({ where: { id: session!.id } })).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await prisma.session.update({ where: { id: session!.id }, data: { lastSeenAt: new Date(Date.now() - 121 * 60_000) } });
    expect(await currentUserWith(idle)).toBeNull();
    expect(await prisma.session.count({ where: { id: session!.id } })).toBe(0);

    const old = await login();
    await prisma.session.updateMany({ where: { userId: applicant.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await currentUserWith(old)).toBeNull();
  });
});
