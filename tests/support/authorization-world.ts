import { randomBytes } from "node:crypto";
import { prisma } from "~/db.server";
import * as applicationRoute from "~/routes/espace.dossiers.$id";
import * as reviewRoute from "~/routes/expertise.$assignmentId";
import * as staffFileRoute from "~/routes/gestion.dossiers.$id";
import { createApplicant, createApplication, createCall, createUser, pdfFile } from "./factories";
import { postForm } from "./remix";

/** The people every route is tried as. */
export const ACTORS = [
  "anonymous",
  "applicantA",
  "applicantB",
  "assignedExpert",
  "unassignedExpert",
  "conflictedExpert",
  "staff",
] as const;
export type Actor = (typeof ACTORS)[number];
export type SignedInActor = Exclude<Actor, "anonymous">;

/** Texts of one record each, and who may ever read them in a response. */
export const SECRET_READERS = {
  /** A's submitted file: its title, summary, receipt number and the organisation's name. */
  fileA: ["applicantA", "assignedExpert", "staff"],
  /** A's file still in draft on another call: no expert has any business with it. */
  draftA: ["applicantA", "staff"],
  /** B's submitted file and organisation. */
  fileB: ["applicantB", "staff"],
  /** The assigned expert's opinion: never shown to applicants nor to other experts. */
  review: ["assignedExpert", "staff"],
  /** Why an expert stepped back: staff only. */
  conflict: ["staff"],
} satisfies Record<string, readonly Actor[]>;
export type Secret = keyof typeof SECRET_READERS;

export interface World {
  tag: string;
  users: Record<SignedInActor, string>;
  call: { id: string; slug: string; criteria: { id: string }[] };
  /** An open call nobody has applied to yet. */
  freshCallId: string;
  fileA: string;
  draftA: string;
  fileB: string;
  attachmentA: string;
  /** The assigned expert's assignment on A's file. */
  assignmentId: string;
  /** The conflicted expert's assignment on A's file, declined when the conflict was declared. */
  conflictedAssignmentId: string;
  /** The receipt emailed to A on submission. */
  emailId: string;
  secrets: Record<Secret, string[]>;
}

export const userIdOf = (world: World, actor: Actor) => (actor === "anonymous" ? undefined : world.users[actor]);

async function expectRedirect(response: Response, step: string) {
  if (response.status >= 300 && response.status < 400) return;
  throw new Error(`${step} failed while building the world: ${response.status} ${await response.text()}`);
}

export const scoreFields = (criteria: { id: string }[], score: string) =>
  Object.fromEntries(criteria.flatMap((c) => [[`score_${c.id}`, score], [`comment_${c.id}`, "Argumenté"]]));

/**
 * Organisation A with a file submitted through its form (so it has a stored project PDF and a
 * receipt email), organisation B with a submitted file of its own, an expert assigned to A's
 * file, an expert with no assignment, an expert who declared a conflict on A's file, and staff.
 * Every text that identifies a record carries the world's tag, so a response leaking it is found
 * by a plain text search.
 */
export async function buildWorld(): Promise<World> {
  const tag = randomBytes(4).toString("hex");
  const [call, draftCall, freshCall] = [await createCall(), await createCall(), await createCall()];
  const a = await createApplicant(`Grappe Alpha ${tag}`);
  const b = await createApplicant(`Grappe Bêta ${tag}`);
  const staff = await createUser("STAFF");
  const assignedExpert = await createUser("REVIEWER");
  const unassignedExpert = await createUser("REVIEWER");
  const conflictedExpert = await createUser("REVIEWER");

  const fileA = await createApplication(call.id, a.organization.id, a.user.id);
  const submitted = await postForm(
    applicationRoute.action,
    {
      intent: "submit",
      projectTitle: `Titre confidentiel Alpha ${tag}`,
      summary: `Résumé confidentiel Alpha ${tag}`,
      requestedAmount: "150 000",
      projectPdf: await pdfFile(),
    },
    { userId: a.user.id, params: { id: fileA.id } },
  );
  await expectRedirect(submitted, "submitting A's file");
  const draftA = await createApplication(draftCall.id, a.organization.id, a.user.id);
  await prisma.application.update({ where: { id: draftA.id }, data: { projectTitle: `Brouillon Alpha ${tag}` } });
  const fileB = await createApplication(call.id, b.organization.id, b.user.id, "SUBMITTED");
  await prisma.application.update({ where: { id: fileB.id }, data: { projectTitle: `Titre confidentiel Bêta ${tag}` } });

  const staffPost = (fields: Record<string, string>) => postForm(staffFileRoute.action, fields, { userId: staff.id, params: { id: fileA.id } });
  await expectRedirect(await staffPost({ intent: "eligibility", eligible: "yes", note: "" }), "eligibility");
  await expectRedirect(await staffPost({ intent: "assign", reviewerId: assignedExpert.id }), "assigning the expert");
  await expectRedirect(await staffPost({ intent: "assign", reviewerId: conflictedExpert.id }), "assigning the conflicted expert");
  const assignment = await prisma.assignment.findFirstOrThrow({ where: { applicationId: fileA.id, reviewerId: assignedExpert.id } });
  const conflicted = await prisma.assignment.findFirstOrThrow({ where: { applicationId: fileA.id, reviewerId: conflictedExpert.id } });
  const declared = await postForm(
    reviewRoute.action,
    { intent: "conflict", reason: `Motif de conflit ${tag}` },
    { userId: conflictedExpert.id, params: { assignmentId: conflicted.id } },
  );
  await expectRedirect(declared, "declaring the conflict");

  const stored = await prisma.application.findUniqueOrThrow({
    where: { id: fileA.id },
    select: { receiptNumber: true, attachments: { select: { id: true } } },
  });
  const receipt = await prisma.emailMessage.findFirstOrThrow({ where: { toAddress: a.user.email }, select: { id: true } });
  return {
    tag,
    users: {
      applicantA: a.user.id,
      applicantB: b.user.id,
      assignedExpert: assignedExpert.id,
      unassignedExpert: unassignedExpert.id,
      conflictedExpert: conflictedExpert.id,
      staff: staff.id,
    },
    call: { id: call.id, slug: call.slug, criteria: call.criteria },
    freshCallId: freshCall.id,
    fileA: fileA.id,
    draftA: draftA.id,
    fileB: fileB.id,
    attachmentA: stored.attachments[0]!.id,
    assignmentId: assignment.id,
    conflictedAssignmentId: conflicted.id,
    emailId: receipt.id,
    secrets: {
      fileA: [`Titre confidentiel Alpha ${tag}`, `Résumé confidentiel Alpha ${tag}`, stored.receiptNumber!, `Grappe Alpha ${tag}`],
      draftA: [`Brouillon Alpha ${tag}`],
      fileB: [`Titre confidentiel Bêta ${tag}`, `Grappe Bêta ${tag}`],
      review: [`Avis confidentiel ${tag}`],
      conflict: [`Motif de conflit ${tag}`],
    },
  };
}

/** The assigned expert sends a complete review: A's file becomes REVIEWED. */
export async function sendReview(world: World) {
  const response = await postForm(
    reviewRoute.action,
    { intent: "submit", recommendation: "FUND", overallComment: world.secrets.review[0]!, ...scoreFields(world.call.criteria, "4") },
    { userId: world.users.assignedExpert, params: { assignmentId: world.assignmentId } },
  );
  await expectRedirect(response, "sending the review");
}

/** The call's closing instant passes: the committee may now decide. */
export async function closeCall(world: World) {
  await prisma.call.update({ where: { id: world.call.id }, data: { closesAt: new Date(Date.now() - 1000) } });
}

export async function decideLaureate(world: World) {
  await closeCall(world);
  const response = await postForm(
    staffFileRoute.action,
    { intent: "decide", decisionVersion: "0", outcome: "LAUREATE", awardedAmount: "120 000", motivation: "Programme solide.", committeeDate: "2026-11-20" },
    { userId: world.users.staff, params: { id: world.fileA } },
  );
  await expectRedirect(response, "deciding");
}

export async function issueLetter(world: World) {
  const response = await postForm(staffFileRoute.action, { intent: "issueLetter" }, { userId: world.users.staff, params: { id: world.fileA } });
  await expectRedirect(response, "issuing the letter");
}

/**
 * Everything a refused request could have changed, as one comparable value. Sessions are left
 * out: signing a test request in creates one.
 */
export async function snapshotDatabase(): Promise<string> {
  const rows = await Promise.all([
    prisma.user.findMany({ orderBy: { id: "asc" } }),
    prisma.organization.findMany({ orderBy: { id: "asc" } }),
    prisma.membership.findMany({ orderBy: { id: "asc" } }),
    prisma.call.findMany({ orderBy: { id: "asc" } }),
    prisma.application.findMany({ orderBy: { id: "asc" } }),
    prisma.attachment.findMany({ orderBy: { id: "asc" } }),
    prisma.assignment.findMany({ orderBy: { id: "asc" } }),
    prisma.conflict.findMany({ orderBy: { id: "asc" } }),
    prisma.review.findMany({ orderBy: { id: "asc" } }),
    prisma.reviewScore.findMany({ orderBy: { id: "asc" } }),
    prisma.decision.findMany({ orderBy: { id: "asc" } }),
    prisma.letter.findMany({ orderBy: { id: "asc" }, select: { id: true, sha256: true } }),
    prisma.emailMessage.findMany({ orderBy: { id: "asc" } }),
    prisma.auditEvent.count(),
  ]);
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}
