import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as accountRoute from "~/routes/compte";
import * as emailChangeRoute from "~/routes/compte_.courriel";
import * as loginRoute from "~/routes/connexion";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { sessionCookieFor } from "~/auth/session.server";
import { callLoader, flashOf, formErrors, postForm } from "../support/remix";

const PASSWORD = "ancienne phrase de passe";
const NEW_PASSWORD = "une toute nouvelle phrase de passe";
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

let counter = 0;
async function person(role: "APPLICANT" | "REVIEWER" | "STAFF" = "APPLICANT") {
  counter += 1;
  return prisma.user.create({
    data: { email: `compte-${counter}@example.org`, name: `Camille Martin ${counter}`, passwordHash, emailVerifiedAt: new Date(), role },
  });
}

/** A browser signed in to the account: its cookie, and the session it stands for. */
async function browserOf(userId: string) {
  const cookie = await sessionCookieFor(userId);
  const session = await prisma.session.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" } });
  return { headers: { Cookie: cookie }, sessionId: session.id };
}

async function linkSentTo(email: string): Promise<string> {
  const mail = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: email, template: "email-change" }, orderBy: { createdAt: "desc" } });
  return new URL((mail.payload as { confirmationUrl: string }).confirmationUrl).searchParams.get("jeton")!;
}

const confirm = (token: string, userId?: string) => postForm(emailChangeRoute.action, { token }, { userId });

describe("account page", () => {
  it("is for every signed-in person, and sends anonymous visitors to the login page", async () => {
    for (const role of ["APPLICANT", "REVIEWER", "STAFF"] as const) {
      const user = await person(role);
      const page = await callLoader(accountRoute.loader, { userId: user.id, path: "/compte" });
      expect(page.status).toBe(200);
      const data = (await page.json()) as { user: Record<string, string>; sessions: { current: boolean }[] };
      expect(data.user).toEqual({ name: user.name, email: user.email, locale: "fr" });
      expect(JSON.stringify(data)).not.toContain("argon2");
    }
    const anonymous = await callLoader(accountRoute.loader, { path: "/compte" });
    expect(anonymous.headers.get("Location")).toBe("/connexion?redirectTo=%2Fcompte");
  });

  it("saves the name and the language, which the page then uses, and refuses a blank name", async () => {
    const user = await person();
    const saved = await postForm(accountRoute.action, { intent: "profile", name: "Alix Marchand", locale: "en" }, { userId: user.id });
    expect(saved.headers.get("Location")).toBe("/compte");
    expect(await flashOf(saved)).toEqual({ kind: "notice", key: "profileSaved" });
    expect(saved.headers.get("Set-Cookie")).toContain("lng=");
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, locale: true } })).toEqual({ name: "Alix Marchand", locale: "en" });
    expect(await prisma.auditEvent.count({ where: { entityId: user.id, action: "user.profile_updated" } })).toBe(1);

    const refused = await postForm(accountRoute.action, { intent: "profile", name: " ", locale: "de" }, { userId: user.id });
    expect(refused.status).toBe(400);
    expect(await formErrors(refused)).toEqual({ name: ["nameTooShort"], locale: ["required"] });
  });

  it("changes the password with the current one, ends every other session and tells the address", async () => {
    const user = await person();
    const here = await browserOf(user.id);
    const elsewhere = await browserOf(user.id);

    const wrong = await postForm(
      accountRoute.action,
      { intent: "password", currentPassword: "pas le bon mot de passe", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { headers: here.headers },
    );
    expect(wrong.status).toBe(400);
    const wrongBody = await wrong.clone().text();
    expect(await formErrors(wrong)).toEqual({ currentPassword: ["currentPasswordWrong"] });
    expect(wrongBody).not.toContain(NEW_PASSWORD);

    const weak = await postForm(
      accountRoute.action,
      { intent: "password", currentPassword: PASSWORD, password: "motdepasse123", confirmPassword: "motdepasse123" },
      { headers: here.headers },
    );
    expect(await formErrors(weak)).toEqual({ password: ["passwordTooWeak"] });
    expect(await verifyPassword((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, PASSWORD)).toBe(true);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);

    const done = await postForm(
      accountRoute.action,
      { intent: "password", currentPassword: PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { headers: here.headers },
    );
    expect(done.headers.get("Location")).toBe("/compte");
    expect(await flashOf(done)).toEqual({ kind: "notice", key: "accountPasswordChanged" });
    const sessions = await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(sessions).toEqual([{ id: here.sessionId }]);
    expect(sessions).not.toContainEqual({ id: elsewhere.sessionId });
    const notice = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: user.email, template: "account-notice" } });
    expect(notice.subject).toContain("mot de passe");

    expect(await formErrors(await postForm(loginRoute.action, { email: user.email, password: PASSWORD }))).toEqual({ "": ["badCredentials"] });
    expect((await postForm(loginRoute.action, { email: user.email, password: NEW_PASSWORD })).status).toBe(302);
  });

  it("moves the account to a new address only when the link sent there is followed, once", async () => {
    const user = await person();
    const newEmail = `nouvelle-${user.id}@example.org`;
    const asked = await postForm(accountRoute.action, { intent: "email", email: newEmail.toUpperCase(), currentPassword: PASSWORD }, { userId: user.id });
    expect(asked.headers.get("Location")).toBe("/compte");
    expect(await flashOf(asked)).toEqual({ kind: "notice", key: "emailChangeSent" });
    // Nothing changed yet; the current address is warned, the new one gets the link.
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    const warning = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: user.email, template: "account-notice" } });
    expect(warning.textBody).toContain(newEmail);
    const token = await linkSentTo(newEmail);
    const page = (await (await callLoader(accountRoute.loader, { userId: user.id })).json()) as { pendingEmail: string };
    expect(page.pendingEmail).toBe(newEmail);

    // Opening the link changes nothing; the button does.
    expect(await (await callLoader(emailChangeRoute.loader, { path: `/compte/courriel?jeton=${token}` })).json()).toEqual({ token, signedIn: false });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);

    const done = await confirm(token, user.id);
    expect(done.headers.get("Location")).toBe("/compte");
    expect(await flashOf(done)).toEqual({ kind: "notice", key: "emailChanged" });
    const changed = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(changed.email).toBe(newEmail);
    expect(changed.emailVerifiedAt).not.toBeNull();
    expect(await prisma.emailMessage.count({ where: { toAddress: user.email, template: "account-notice" } })).toBe(2);
    expect(await prisma.auditEvent.findFirst({ where: { entityId: user.id, action: "user.email_changed" }, select: { before: true, after: true } })).toEqual({
      before: { email: user.email },
      after: { email: newEmail },
    });
    expect((await postForm(loginRoute.action, { email: newEmail, password: PASSWORD })).status).toBe(302);

    // Reused, it no longer works.
    expect(await formErrors(await confirm(token))).toEqual({ "": ["emailChangeInvalid"] });
    expect(await (await callLoader(emailChangeRoute.loader, { path: `/compte/courriel?jeton=${token}` })).json()).toEqual({ token: null, signedIn: false });
  });

  it("refuses a wrong password, the same address, a forged or expired link, and a replaced request", async () => {
    const user = await person();
    const target = `cible-${user.id}@example.org`;
    const wrong = await postForm(accountRoute.action, { intent: "email", email: target, currentPassword: "pas le bon" }, { userId: user.id });
    expect(await formErrors(wrong.clone())).toEqual({ currentPassword: ["currentPasswordWrong"] });
    expect(await wrong.text()).not.toContain("pas le bon");
    const same = await postForm(accountRoute.action, { intent: "email", email: user.email, currentPassword: PASSWORD }, { userId: user.id });
    expect(await formErrors(same)).toEqual({ email: ["emailUnchanged"] });
    expect(await prisma.accountToken.count({ where: { userId: user.id } })).toBe(0);

    await postForm(accountRoute.action, { intent: "email", email: target, currentPassword: PASSWORD }, { userId: user.id });
    const first = await linkSentTo(target);
    expect(await formErrors(await confirm(`${first.slice(0, -4)}AAAA`))).toEqual({ "": ["emailChangeInvalid"] });

    // A second request replaces the first: only its link works.
    const other = `autre-${user.id}@example.org`;
    await postForm(accountRoute.action, { intent: "email", email: other, currentPassword: PASSWORD }, { userId: user.id });
    expect(await formErrors(await confirm(first))).toEqual({ "": ["emailChangeInvalid"] });
    const second = await linkSentTo(other);
    await prisma.accountToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await formErrors(await confirm(second))).toEqual({ "": ["emailChangeInvalid"] });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it("never tells whether an address has an account, and refuses the link if another account took the address meanwhile", async () => {
    const user = await person();
    const owner = await person();
    const taken = await postForm(accountRoute.action, { intent: "email", email: owner.email, currentPassword: PASSWORD }, { userId: user.id });
    expect(await flashOf(taken)).toEqual({ kind: "notice", key: "emailChangeSent" });
    expect(await prisma.emailMessage.count({ where: { toAddress: owner.email, template: "email-change" } })).toBe(0);

    const wanted = `convoitee-${user.id}@example.org`;
    await postForm(accountRoute.action, { intent: "email", email: wanted, currentPassword: PASSWORD }, { userId: user.id });
    const token = await linkSentTo(wanted);
    await prisma.user.create({ data: { email: wanted, name: "Première arrivée", passwordHash } });
    expect(await formErrors(await confirm(token))).toEqual({ "": ["emailChangeTaken"] });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it("lists the open sessions, closes one, and signs out of every device", async () => {
    const user = await person();
    const stranger = await person();
    const strangerSession = await browserOf(stranger.id);
    const here = await browserOf(user.id);
    const elsewhere = await browserOf(user.id);
    await prisma.session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() - 1000) } });

    const response = await accountRoute.loader({ request: new Request("http://localhost/compte", { headers: here.headers }), params: {}, context: {} });
    const page = (await response.json()) as { sessions: { id: string; current: boolean }[] };
    expect(page.sessions.map((s) => [s.id, s.current]).sort()).toEqual(
      [
        [here.sessionId, true],
        [elsewhere.sessionId, false],
      ].sort(),
    );

    const ended = await postForm(accountRoute.action, { intent: "endSession", sessionId: elsewhere.sessionId }, { headers: here.headers });
    expect(await flashOf(ended)).toEqual({ kind: "notice", key: "sessionEnded" });
    expect(await prisma.session.count({ where: { id: elsewhere.sessionId } })).toBe(0);

    // Another person's session is not one's own to close.
    const foreign = await postForm(accountRoute.action, { intent: "endSession", sessionId: strangerSession.sessionId }, { headers: here.headers });
    expect(foreign.status).toBe(404);
    expect(await formErrors(foreign)).toEqual({ "": ["sessionNotFound"] });
    expect(await prisma.session.count({ where: { id: strangerSession.sessionId } })).toBe(1);

    const everywhere = await postForm(accountRoute.action, { intent: "endAllSessions" }, { headers: here.headers });
    expect(everywhere.headers.get("Location")).toBe("/");
    expect(await flashOf(everywhere)).toEqual({ kind: "notice", key: "allSessionsEnded" });
    expect(everywhere.headers.getSetCookie().some((c) => c.startsWith("__session=;"))).toBe(true);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: stranger.id } })).toBe(1);
  });
});
