import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as accessibility from "~/routes/accessibilite";
import * as cookies from "~/routes/cookies";
import * as personalData from "~/routes/donnees-personnelles";
import * as legal from "~/routes/mentions-legales";
import * as siteMap from "~/routes/plan-du-site";
import { SITE_PAGES } from "~/content/site-pages";
import { createUser } from "../support/factories";
import { callLoader } from "../support/remix";

const PAGES = { accessibility, legal, personalData, cookies, siteMap };

describe("the service's public information pages", () => {
  afterEach(() => {
    delete process.env.AGENCY_NAME;
    delete process.env.CONTACT_EMAIL;
  });

  it.each(Object.entries(PAGES))("%s answers to anyone, logged in or not", async (_name, route) => {
    const applicant = await createUser("APPLICANT");
    expect((await callLoader(route.loader)).status).toBe(200);
    expect((await callLoader(route.loader, { userId: applicant.id })).status).toBe(200);
  });

  it("states the conformity computed from the criteria table, with the criteria not met", async () => {
    const data = await (await callLoader(accessibility.loader)).json();
    expect(data.criteria).toHaveLength(106);
    const notMet = data.criteria.filter((c: { status: string }) => c.status === "NC");
    expect(data.summary.notMet).toBe(notMet.length);
    expect(data.summary.level).toBe(data.summary.rate === 100 ? "full" : data.summary.rate >= 50 ? "partial" : "none");
    expect(notMet.every((c: { note: string; plan: string }) => c.note && c.plan)).toBe(true);
  });

  it("names the operating agency configured, or the default one", async () => {
    expect((await (await callLoader(legal.loader)).json()).name).toBe("Agence nationale de la cohésion des territoires");
    process.env.AGENCY_NAME = "Agence régionale de l’innovation";
    process.env.CONTACT_EMAIL = "contact@agence.example";
    const data = await (await callLoader(legal.loader)).json();
    expect(data).toMatchObject({ name: "Agence régionale de l’innovation", contactEmail: "contact@agence.example" });
  });

  it("lists in the site map every page that opens without a record, and only pages that exist", () => {
    const routes = readdirSync(path.join(process.cwd(), "app/routes"))
      .map((file) => file.replace(/\.tsx?$/, ""))
      .filter((name) => !name.includes("$") && !name.includes("["));
    const toPath = (name: string) => "/" + name.replace(/\._index$|^_index$/, "").replace(/_\./g, ".").replace(/\./g, "/");
    // Endpoints without a page of their own: they answer a form, a probe or an emailed link.
    const endpoints = ["/deconnexion", "/langue", "/healthz", "/inscription/confirmer", "/mot-de-passe/nouveau", "/compte/courriel", "/invitation"];
    const pagePaths = routes.map(toPath).filter((p) => !endpoints.includes(p));
    expect(SITE_PAGES.map((page) => page.path).sort()).toEqual(pagePaths.sort());
  });
});
