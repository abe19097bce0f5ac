import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as forgotRoute from "~/routes/mot-de-passe.oublie";
import * as newPasswordRoute from "~/routes/mot-de-passe.nouveau";
import * as loginRoute from "~/routes/connexion";
import { hashPassword } from "~/auth/password.server";
import { sessionCookieFor } from "~/auth/session.server";
import { passwordResetTokenFor } from "../support/factories";
import { callLoader, flashOf, formErrors, postForm } from "../support/remix";

const OLD = "ancienne phrase de passe";
const NEW = "une toute nouvelle phrase de passe";

async function account(email: string, verified = true) {
  return prisma.user.create({
    data: { email, name: "Titulaire", passwordHash: await hashPassword(OLD), emailVerifiedAt: verified ? new Date() : null },
  });
}

function setPassword(token: string, password = NEW) {
  return postForm(newPasswordRoute.action, { token, password, confirmPassword: password });
}

describe("forgotten password", () => {
  it("answers the same for any address, and emails a link only to a confirmed account", async () => {
    await account("connue@example.org");
    await account("non-confirmee@example.org", false);
    for (const email of ["connue@example.org", "inconnue@example.org", "non-confirmee@example.org"]) {
      const response = await postForm(forgotRoute.action, { email });
      expect(response.headers.get("Location")).toBe("/connexion");
      expect(await flashOf(response)).toEqual({ kind: "notice", key: "passwordResetSent" });
    }
    const mails = await prisma.emailMessage.findMany({ where: { template: "password-reset" }, select: { toAddress: true } });
    expect(mails).toEqual([{ toAddress: "connue@example.org" }]);
  });

  it("sets the new password through the link once, ends every session, and the old password stops working", async () => {
    const user = await account("reinit@example.org");
    const otherDevice = await sessionCookieFor(user.id);
    expect(otherDevice).not.toBe("");
    const token = await passwordResetTokenFor(user.id);

    const page = await callLoader(newPasswordRoute.loader, { path: `/mot-de-passe/nouveau?jeton=${token}` });
    expect(await page.json()).toEqual({ token });

    const done = await setPassword(token);
    expect(done.headers.get("Location")).toBe("/connexion");
    expect(await flashOf(done)).toEqual({ kind: "notice", key: "passwordChanged" });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);

    expect(await formErrors(await postForm(loginRoute.action, { email: user.email, password: OLD }))).toEqual({ "": ["badCredentials"] });
    expect((await postForm(loginRoute.action, { email: user.email, password: NEW })).status).toBe(302);

    const again = await setPassword(token, "encore une autre phrase de passe");
    expect(await formErrors(again)).toEqual({ "": ["resetLinkInvalid"] });
  });

  it("refuses an expired or forged link, and a weak new password, without changing anything", async () => {
    const user = await account("expire@example.org");
    const token = await passwordResetTokenFor(user.id);
    const before = (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;

    const weak = await setPassword(token, "motdepasse123");
    expect(await formErrors(weak.clone())).toEqual({ password: ["passwordTooWeak"] });
    expect(await weak.text()).not.toContain("motdepasse123");

    expect(await formErrors(await setPassword(`${token.slice(0, -4)}AAAA`))).toEqual({ "": ["resetLinkInvalid"] });

    await prisma.accountToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await (await callLoader(newPasswordRoute.loader, { path: `/mot-de-passe/nouveau?jeton=${token}` })).json()).toEqual({ token: null });
    expect(await formErrors(await setPassword(token))).toEqual({ "": ["resetLinkInvalid"] });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before);
  });
});
