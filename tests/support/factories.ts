import { randomBytes } from "node:crypto";
import { STANDARD_FORM } from "~/domain/form-definition";
import { PDFDocument } from "pdf-lib";
import { prisma } from "~/db.server";
import { completeSiret } from "~/domain/siret";
import { endOfParisDayAfter } from "~/domain/dates";
import { requestApplicantAccount, requestPasswordReset } from "~/services/accounts.server";
import type { CallStatus, Role } from "~/generated/prisma/enums";

/** Small builders with sensible defaults; each test states only what matters to it. */
const unique = () => randomBytes(4).toString("hex");

// A fixed argon2id hash keeps factories fast; tests that log in through the form use the seed.
const ANY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$ZmFrZWhhc2hmb3J0ZXN0cw";

export async function createUser(role: Role, overrides: { name?: string; email?: string } = {}) {
  return prisma.user.create({
    data: {
      email: overrides.email ?? `${role.toLowerCase()}-${unique()}@example.org`,
      name: overrides.name ?? `Personne ${unique()}`,
      passwordHash: ANY_HASH,
      emailVerifiedAt: new Date(),
      role,
    },
  });
}

let siretCounter = 1000;
export async function createApplicant(orgName = `Grappe ${unique()}`) {
  const user = await createUser("APPLICANT");
  const organization = await prisma.organization.create({
    data: {
      legalName: orgName,
      siret: completeSiret(`4${String(siretCounter++).padStart(12, "0")}`),
      legalForm: "Association loi 1901",
      addressLine: "12 rue des Tanneurs",
      postalCode: "88000",
      city: "Épinal",
      region: "Grand Est",
      sector: "Bois",
      membersCount: 42,
      memberships: { create: { userId: user.id, role: "OWNER" } },
    },
  });
  return { user, organization };
}

export async function createCall(overrides: { opensAt?: Date; closesAt?: Date; budgetCents?: bigint; status?: CallStatus } = {}) {
  const now = new Date();
  const code = `TEST-${unique().toUpperCase()}`;
  return prisma.call.create({
    data: {
      code,
      slug: code.toLowerCase(),
      title: "Soutien à la dynamique des grappes d'entreprises",
      summary: "Appel de test",
      rules: "Règlement",
      opensAt: overrides.opensAt ?? endOfParisDayAfter(now, -10),
      closesAt: overrides.closesAt ?? endOfParisDayAfter(now, 10),
      budgetCents: overrides.budgetCents ?? 100_000_000n,
      minGrantCents: 5_000_000,
      maxGrantCents: 50_000_000,
      status: overrides.status ?? "PUBLISHED",
      formDefinition: STANDARD_FORM,
      letterTemplates: { agencyName: "Agence de test", signatoryName: "", signatoryTitle: "La directrice des programmes" },
      criteria: {
        create: [
          { position: 1, label: "Stratégie", description: "Pertinence", weight: 30, threshold: 2 },
          { position: 2, label: "Programme", description: "Qualité", weight: 30 },
          { position: 3, label: "Impact", description: "Emploi", weight: 25 },
          { position: 4, label: "Gouvernance", description: "Partenariats", weight: 15 },
        ],
      },
    },
    include: { criteria: { orderBy: { position: "asc" } } },
  });
}

export async function pdfBytes(text = "Dossier de présentation"): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return doc.save();
}

export async function pdfFile(name = "dossier.pdf"): Promise<File> {
  return new File([new Uint8Array(await pdfBytes())], name, { type: "application/pdf" });
}

/** A file at any status, with the columns each status implies. */
export async function createApplication(
  callId: string,
  organizationId: string,
  createdById: string,
  status: "DRAFT" | "SUBMITTED" | "ELIGIBLE" = "DRAFT",
) {
  const submitted = status !== "DRAFT";
  return prisma.application.create({
    data: {
      callId,
      organizationId,
      createdById,
      formVersion: 1,
      projectTitle: "Programme d'actions collectives",
      summary: "Mutualiser les achats et former les équipes.",
      requestedCents: 15_000_000,
      status,
      submittedAt: submitted ? new Date() : null,
      receiptNumber: submitted ? `R-${unique()}` : null,
    },
  });
}

/**
 * The token of the confirmation link last emailed to an account, asking for one through the
 * sign-up form's service when none was sent: tests follow the link as its owner would.
 */
export async function confirmationTokenFor(userId: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
  return emailedToken(user.email, "account-confirmation", () =>
    requestApplicantAccount({ name: user.name, email: user.email, password: "une phrase de passe solide", locale: "fr" }),
  );
}

/** The token of the password reset link last emailed to an account, asking for one when none was sent. */
export async function passwordResetTokenFor(userId: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  return emailedToken(user.email, "password-reset", () => requestPasswordReset(user.email));
}

async function emailedToken(to: string, template: "account-confirmation" | "password-reset", ask: () => Promise<unknown>): Promise<string> {
  const latest = () => prisma.emailMessage.findFirst({ where: { toAddress: to, template }, orderBy: { createdAt: "desc" } });
  if (!(await latest())) await ask();
  const payload = (await latest())!.payload as { confirmationUrl?: string; resetUrl?: string };
  return new URL(payload.confirmationUrl ?? payload.resetUrl!).searchParams.get("jeton")!;
}
