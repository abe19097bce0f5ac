/**
 * The pages a person can open directly, by audience: the site map and the footer are built
 * from this list, and a test checks it against the route files so that a new page is not
 * forgotten. Pages of one record (a call, an application, a review) open from these lists.
 */
/** `account`: pages of every signed-in person, whatever their role. */
export type Audience = "public" | "account" | "APPLICANT" | "REVIEWER" | "STAFF" | "info";

export interface SitePage {
  path: string;
  titleKey: string;
  audience: Audience;
}

export const SITE_INFO_PAGES = {
  accessibility: { path: "/accessibilite", titleKey: "site.accessibility.title", audience: "info" },
  legal: { path: "/mentions-legales", titleKey: "site.legal.title", audience: "info" },
  personalData: { path: "/donnees-personnelles", titleKey: "site.personalData.title", audience: "info" },
  cookies: { path: "/cookies", titleKey: "site.cookies.title", audience: "info" },
  sitemap: { path: "/plan-du-site", titleKey: "site.sitemap.title", audience: "info" },
} as const satisfies Record<string, SitePage>;

export const SITE_PAGES: readonly SitePage[] = [
  { path: "/", titleKey: "titles.home", audience: "public" },
  { path: "/verification", titleKey: "titles.verification", audience: "public" },
  { path: "/connexion", titleKey: "titles.login", audience: "public" },
  { path: "/inscription", titleKey: "titles.signup", audience: "public" },
  { path: "/mot-de-passe/oublie", titleKey: "titles.forgotPassword", audience: "public" },
  { path: "/espace", titleKey: "titles.mySpace", audience: "APPLICANT" },
  { path: "/compte", titleKey: "titles.account", audience: "account" },
  { path: "/espace/structure", titleKey: "titles.organization", audience: "APPLICANT" },
  { path: "/espace/organisation", titleKey: "titles.organizationTeam", audience: "APPLICANT" },
  { path: "/expertise", titleKey: "titles.reviews", audience: "REVIEWER" },
  { path: "/gestion", titleKey: "titles.management", audience: "STAFF" },
  { path: "/gestion/courriels", titleKey: "titles.mailbox", audience: "STAFF" },
  { path: "/gestion/appels/nouveau", titleKey: "titles.newCall", audience: "STAFF" },
  { path: "/gestion/appels/importer", titleKey: "titles.importCall", audience: "STAFF" },
  ...Object.values(SITE_INFO_PAGES),
];

export const AUDIENCES: readonly Audience[] = ["public", "account", "APPLICANT", "REVIEWER", "STAFF", "info"];

/** The pages audited for the accessibility statement. */
export const AUDIT_SAMPLE: readonly SitePage[] = [
  ...SITE_PAGES.filter((page) => page.audience !== "info"),
  SITE_INFO_PAGES.accessibility,
  SITE_INFO_PAGES.sitemap,
];
