import { describe, expect, it, beforeEach } from "vitest";
import { isCrossSiteWrite } from "~/http/csrf.server";
import { safeRedirect } from "~/http/redirects.server";
import { redirectWithFlash, takeFlash } from "~/http/flash.server";
import { parseConfig, ConfigError, derivedKey, appSecret } from "~/config.server";

const APP = "http://localhost:3000";

beforeEach(() => {
  process.env.APP_URL = APP;
  process.env.SESSION_SECRET = "unit-test-secret-0123456789";
});

describe("cross-site writes", () => {
  const write = (headers: { secFetchSite?: string; origin?: string }, method = "POST") =>
    isCrossSiteWrite({ method, secFetchSite: headers.secFetchSite, origin: headers.origin, requestOrigin: APP }, APP);

  it("refuses a form posted from another port of the same host (same-site, not same-origin)", () => {
    expect(write({ secFetchSite: "same-site", origin: "http://localhost:4000" })).toBe(true);
  });
  it("refuses a write from another site, with or without Sec-Fetch-Site", () => {
    expect(write({ secFetchSite: "cross-site", origin: "https://evil.example" })).toBe(true);
    expect(write({ origin: "https://evil.example" })).toBe(true);
    expect(write({ origin: "null" })).toBe(true);
  });
  it("accepts the app's own pages and non-browser clients, and never blocks reads", () => {
    expect(write({ secFetchSite: "same-origin", origin: APP })).toBe(false);
    expect(write({ origin: APP })).toBe(false);
    expect(write({})).toBe(false);
    expect(write({ secFetchSite: "cross-site" }, "GET")).toBe(false);
  });
  it("judges DELETE, PUT and PATCH like POST", () => {
    for (const method of ["DELETE", "PUT", "PATCH"]) expect(write({ secFetchSite: "cross-site" }, method)).toBe(true);
  });
});

describe("redirects after a form", () => {
  it.each([
    "/\\evil.example",
    "//evil.example",
    "/\t/evil.example",
    "https://evil.example",
    "/%2F%2Fevil.example/../..//evil.example",
    "javascript:alert(1)",
    "",
  ])("never leave the site: %s", (target) => {
    const result = safeRedirect(target, "/espace");
    expect(new URL(result, APP).origin).toBe(APP);
  });
  it("keep a path of the site with its query", () => {
    expect(safeRedirect("/gestion/dossiers/abc?onglet=historique", "/")).toBe("/gestion/dossiers/abc?onglet=historique");
  });
});

describe("configuration", () => {
  it("refuses a misspelt database address instead of running on the embedded database", () => {
    expect(() => parseConfig({ DATABASE_URL: "postgress://db/laureat" })).toThrow(/DATABASE_URL/);
  });
  it("refuses a pool size that is not a number", () => {
    expect(() => parseConfig({ DATABASE_URL: "postgresql://db/laureat", DATABASE_POOL_SIZE: "abc" })).toThrow(/DATABASE_POOL_SIZE/);
  });
  it("requires a shared session secret in production on a database server", () => {
    const attempt = () => parseConfig({ NODE_ENV: "production", DATABASE_URL: "postgresql://db/laureat" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/SESSION_SECRET/);
    expect(parseConfig({ NODE_ENV: "production" }).env.SESSION_SECRET).toBeUndefined();
  });
  it("lists every problem at once", () => {
    const problems = (() => {
      try {
        parseConfig({ PORT: "eighty", SMTP_URL: "mail.example.org", APP_URL: "localhost" });
        return [];
      } catch (error) {
        return (error as ConfigError).problems.map((problem) => problem.split(":")[0]);
      }
    })();
    expect([...new Set(problems)].sort()).toEqual(["APP_URL", "PORT", "SMTP_URL"]);
  });
  it("derives the letter key from the secret without reusing it", () => {
    const key = derivedKey("letter-verification");
    expect(key).toHaveLength(32);
    expect(key.toString("hex")).not.toContain(Buffer.from(appSecret()).toString("hex"));
    process.env.SESSION_SECRET = "another-secret-0123456789";
    expect(derivedKey("letter-verification").equals(key)).toBe(false);
  });
});

describe("flash messages", () => {
  async function cookieOf(response: Response) {
    return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  }
  it("carry a message key to the next page only, in a signed cookie", async () => {
    const response = await redirectWithFlash("/espace", { kind: "notice", key: "draftSaved" });
    expect(response.headers.get("Location")).toBe("/espace");
    const taken = await takeFlash(new Request(APP, { headers: { Cookie: await cookieOf(response) } }));
    expect(taken.message).toEqual({ kind: "notice", key: "draftSaved" });
    expect(taken.setCookie).toMatch(/__flash=;.*Expires=Thu, 01 Jan 1970/);
  });
  it("ignore a cookie forged without the secret", async () => {
    const forged = Buffer.from(JSON.stringify({ __flash_message__: { kind: "error", key: "callUs" } })).toString("base64");
    const taken = await takeFlash(new Request(APP, { headers: { Cookie: `__flash=${encodeURIComponent(forged)}` } }));
    expect(taken.message).toBeNull();
  });
});
