/**
 * Writes the demo data into the database. As a script (`npx tsx prisma/seed.ts`, run by
 * `npm start` before the server) it migrates the database chosen by DATABASE_URL, seeds it
 * unless a call already exists, and clears what a crash or time left behind.
 */
import { pathToFileURL } from "node:url";
import { hashPassword } from "~/auth/password.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { buildDemoData, DEMO_ACCOUNTS, DEMO_PASSWORD, requiredDocuments } from "./demo-data";
import { storeDemoDocuments } from "./demo-documents";
import { issueDecisionLetter } from "~/services/decisions.server";
import type { Viewer } from "~/auth/permissions.server";
import { chainAuditEvents } from "~/audit.server";
import { refreshRanking } from "~/services/ranking-queries.server";

export interface SeedSummary {
  users: number;
  organizations: number;
  calls: number;
  applications: number;
  reviews: number;
  decisions: number;
}

export async function seedDemo(prisma: PrismaClient, { now }: { now: Date }): Promise<SeedSummary> {
  const data = buildDemoData(now);
  // argon2id is deliberately slow: one hash shared by every demo account keeps seeding quick.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const attachments = await storeDemoDocuments(
    data.applications,
    new Map(data.organizations.map((o) => [o.id, o.legalName])),
    new Map(data.calls.map((call) => [call.id, requiredDocuments(call)])),
  );

  // Decision letters go through the real service below, which also marks the files notified.
  const decided = new Map(data.decisions.map((d) => [d.applicationId, data.applications.find((a) => a.id === d.applicationId)?.notifiedAt]));
  const applications = data.applications.map((a) => (decided.has(a.id) ? { ...a, notifiedAt: null } : a));
  const audit = chainAuditEvents(data.auditEvents);

  await prisma.$transaction(
    async (tx) => {
      await tx.user.createMany({ data: data.users.map((user) => ({ ...user, passwordHash, emailVerifiedAt: new Date() })) });
      await tx.organization.createMany({ data: data.organizations });
      await tx.membership.createMany({ data: data.memberships });
      await tx.call.createMany({ data: data.calls });
      await tx.criterion.createMany({ data: data.criteria });
      await tx.application.createMany({ data: applications });
      await tx.attachment.createMany({ data: attachments });
      await tx.assignment.createMany({ data: data.assignments });
      await tx.review.createMany({ data: data.reviews });
      await tx.reviewScore.createMany({ data: data.reviewScores });
      await tx.decision.createMany({ data: data.decisions });
      await tx.auditEvent.createMany({ data: audit.events });
      await tx.auditChainHead.createMany({ data: audit.heads });
      // Written in bulk, the files skipped the transactions that keep the stored ranking.
      for (const call of data.calls) await refreshRanking(tx, call.id);
    },
    { timeout: 30_000 },
  );

  const signatory = data.users.find((u) => u.email === "direction@laureat.demo");
  if (!signatory) throw new Error("The demo data has no direction account.");
  const staff: Viewer = { id: signatory.id, role: "STAFF", organizationIds: [] };
  for (const [applicationId, issuedAt] of decided) {
    await issueDecisionLetter(staff, applicationId, issuedAt ?? now);
  }

  return {
    users: data.users.length,
    organizations: data.organizations.length,
    calls: data.calls.length,
    applications: data.applications.length,
    reviews: data.reviews.length,
    decisions: data.decisions.length,
  };
}

function printSummary(summary: SeedSummary) {
  console.log(
    `Données de démonstration créées : ${summary.users} utilisateurs, ${summary.organizations} structures, ` +
      `${summary.calls} appels à projets, ${summary.applications} dossiers, ${summary.reviews} évaluations, ` +
      `${summary.decisions} décisions.`,
  );
  console.log(`Comptes de démonstration (mot de passe « ${DEMO_PASSWORD} ») :`);
  const reviewers = DEMO_ACCOUNTS.filter((account) => account.role === "REVIEWER");
  for (const account of DEMO_ACCOUNTS.filter((a) => a.role !== "REVIEWER")) {
    console.log(`  ${account.email.padEnd(24)} ${account.description.fr}`);
  }
  console.log(`  ${reviewers[0]?.email} … ${reviewers.at(-1)?.email} : experts évaluateurs.`);
}

/** Upload files no attachment refers to (a crash mid-save), and login counters nobody has touched for a day. */
async function tidyUp() {
  const { sweepOrphanUploads } = await import("~/storage/attachments.server");
  const { pruneLoginThrottle } = await import("~/auth/login-throttle.server");
  const { removed } = await sweepOrphanUploads();
  const pruned = await pruneLoginThrottle();
  if (removed + pruned > 0) console.log(`Nettoyage : ${removed} fichier(s) orphelin(s), ${pruned} compteur(s) de connexion périmé(s).`);
}

const entryPoint = process.argv[1];
if (entryPoint && import.meta.url === pathToFileURL(entryPoint).href) {
  // Imported only here so that tests can choose the database before the client is created.
  const { database } = await import("~/db.server");
  const { applyMigrations, STARTUP_LOCKS, withAdvisoryLock } = await import("~/db/migrations.server");
  try {
    // Servers starting together on one database: the first seeds, the others find it done.
    await withAdvisoryLock(database.runner, STARTUP_LOCKS.seed, async () => {
      await applyMigrations(database.runner);
      if ((await database.prisma.call.count()) > 0) {
        console.log("Base déjà initialisée, rien à faire.");
      } else {
        printSummary(await seedDemo(database.prisma, { now: new Date() }));
      }
    });
    await tidyUp();
  } finally {
    await database.close();
  }
}
