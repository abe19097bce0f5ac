import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as staffFileRoute from "~/routes/gestion.dossiers.$id";
import * as reviewRoute from "~/routes/expertise.$assignmentId";
import * as reviewerHomeRoute from "~/routes/expertise._index";
import * as letterRoute from "~/routes/dossiers.$id.courrier";
import * as rankingRoute from "~/routes/gestion.appels.$callId.classement";
import * as verificationRoute from "~/routes/verification";
import * as verificationShortRoute from "~/routes/v.$code";
import { deliverPendingEmails } from "~/mail/outbox.server";
import type { MailTransport, OutgoingMail } from "~/mail/transport.server";
import { endOfParisDayAfter } from "~/domain/dates";
import { createApplicant, createApplication, createCall, createUser } from "../support/factories";
import { callLoader, formErrors, postForm } from "../support/remix";
import { extractPdfText, flattenText } from "../support/pdf-text";

async function submittedFile(options: { budgetCents?: bigint } = {}) {
  // Closed yesterday: the committee decides only on a closed call.
  const call = await createCall({ closesAt: endOfParisDayAfter(new Date(), -1), ...options });
  const { user: applicant, organization } = await createApplicant("Grappe Bois Vosges");
  const application = await createApplication(call.id, organization.id, applicant.id, "SUBMITTED");
  const staff = await createUser("STAFF");
  const reviewer = await createUser("REVIEWER", { name: "Expert Un" });
  return { call, applicant, organization, application, staff, reviewer };
}

const staffPost = (id: string, staffId: string, fields: Record<string, string>) =>
  postForm(staffFileRoute.action, fields, { userId: staffId, params: { id } });

function scoresFor(criteria: { id: string }[], score: string) {
  return Object.fromEntries(criteria.flatMap((c) => [[`score_${c.id}`, score], [`comment_${c.id}`, "Argumenté"]]));
}

/** Staff find the file eligible and give it to the expert. */
async function assignToReviewer(applicationId: string, staffId: string, reviewerId: string) {
  await staffPost(applicationId, staffId, { intent: "eligibility", eligible: "yes", note: "" });
  await staffPost(applicationId, staffId, { intent: "assign", reviewerId });
  return prisma.assignment.findFirstOrThrow({ where: { applicationId, reviewerId } });
}

function sendReview(assignmentId: string, reviewerId: string, criteria: { id: string }[], score: string, recommendation = "FUND") {
  return postForm(
    reviewRoute.action,
    { intent: "submit", recommendation, ...scoresFor(criteria, score) },
    { userId: reviewerId, params: { assignmentId } },
  );
}

describe("instruction, review and decision", () => {
  it("runs a file from eligibility to a notified decision with its letter", async () => {
    const { call, applicant, application, staff, reviewer } = await submittedFile();

    expect((await staffPost(application.id, staff.id, { intent: "eligibility", eligible: "yes", note: "" })).status).toBe(302);
    expect((await staffPost(application.id, staff.id, { intent: "assign", reviewerId: reviewer.id, dueAt: "2030-01-31" })).status).toBe(302);
    const assignment = await prisma.assignment.findFirstOrThrow({ where: { applicationId: application.id } });
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("UNDER_REVIEW");

    const home = await (await callLoader(reviewerHomeRoute.loader, { userId: reviewer.id })).json();
    expect(home.assignments.map((a: { id: string }) => a.id)).toEqual([assignment.id]);

    const reviewed = await postForm(
      reviewRoute.action,
      { intent: "submit", recommendation: "FUND", overallComment: "Très bon dossier", ...scoresFor(call.criteria, "4") },
      { userId: reviewer.id, params: { assignmentId: assignment.id } },
    );
    expect(reviewed.status).toBe(302);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("REVIEWED");

    const ranking = await (await callLoader(rankingRoute.loader, { userId: staff.id, params: { callId: call.id } })).json();
    expect(ranking.rows).toHaveLength(1);
    expect(ranking.rows[0]).toMatchObject({ applicationId: application.id, rank: 1, average: 4, withinEnvelope: true });

    const decided = await staffPost(application.id, staff.id, {
      intent: "decide",
      decisionVersion: "0",
      outcome: "LAUREATE",
      awardedAmount: "120 000",
      motivation: "Programme d'actions solide et gouvernance claire.",
      committeeDate: "2026-11-20",
    });
    expect(decided.status).toBe(302);

    const beforeLetter = await callLoader(letterRoute.loader, { userId: applicant.id, params: { id: application.id } });
    expect(beforeLetter.status).toBe(403);

    expect((await staffPost(application.id, staff.id, { intent: "issueLetter" })).status).toBe(302);
    const letter = await prisma.letter.findFirstOrThrow({ where: { applicationId: application.id } });
    expect(letter.reference).toBe(`${call.code}-D-000001`);

    const download = await callLoader(letterRoute.loader, { userId: applicant.id, params: { id: application.id } });
    expect(download.status).toBe(200);
    const text = flattenText(await extractPdfText(new Uint8Array(await download.arrayBuffer())));
    expect(text).toContain("Grappe Bois Vosges");
    expect(text).toContain("120 000 €");

    const sent: OutgoingMail[] = [];
    const recorder: MailTransport = { name: "smtp", send: async (mail) => (sent.push(mail), { messageId: "<test@local>" }) };
    await deliverPendingEmails(recorder);
    const letterMail = sent.find((m) => m.to === applicant.email);
    expect(letterMail?.attachments.map((a) => a.filename)).toEqual([`${letter.reference}.pdf`]);
    const staffPage = await (await callLoader(staffFileRoute.loader, { userId: staff.id, params: { id: application.id } })).json();
    expect(staffPage.history.map((e: { action: string }) => e.action)).toEqual([
      "application.eligible",
      "assignment.created",
      "review.submitted",
      "decision.recorded",
      "letter.issued",
    ]);
    expect(staffPage.history[0]).not.toHaveProperty("after");
  });

  it("keeps a score outside the scale out of the database", async () => {
    const { call, application, staff, reviewer } = await submittedFile();
    const assignment = await assignToReviewer(application.id, staff.id, reviewer.id);
    const first = call.criteria[0]!;
    const response = await postForm(
      reviewRoute.action,
      { intent: "submit", recommendation: "FUND", ...scoresFor(call.criteria, "3"), [`score_${first.id}`]: "7" },
      { userId: reviewer.id, params: { assignmentId: assignment.id } },
    );
    expect(response.status).toBe(400);
    expect(await formErrors(response)).toEqual({ [`score_${first.id}`]: ["scoreOutOfScale"] });
    expect(await prisma.review.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });

  it("forbids a reviewer to open a file not assigned to them, or one they are conflicted on", async () => {
    const { application, staff, reviewer } = await submittedFile();
    const assignment = await assignToReviewer(application.id, staff.id, reviewer.id);
    const other = await createUser("REVIEWER");
    expect((await callLoader(reviewRoute.loader, { userId: other.id, params: { assignmentId: assignment.id } })).status).toBe(403);
    expect((await callLoader(staffFileRoute.loader, { userId: other.id, params: { id: application.id } })).status).toBe(403);

    await prisma.conflict.create({
      data: { reviewerId: reviewer.id, applicationId: application.id, source: "REVIEWER", reason: "Ancien salarié", declaredById: reviewer.id },
    });
    expect((await callLoader(reviewRoute.loader, { userId: reviewer.id, params: { assignmentId: assignment.id } })).status).toBe(403);
    const home = await (await callLoader(reviewerHomeRoute.loader, { userId: reviewer.id })).json();
    expect(home.assignments).toEqual([]);
  });

  it("refuses a grant that would exceed the envelope", async () => {
    const { application, staff, reviewer, call } = await submittedFile({ budgetCents: 10_000_000n });
    const assignment = await assignToReviewer(application.id, staff.id, reviewer.id);
    await sendReview(assignment.id, reviewer.id, call.criteria, "5");
    const response = await staffPost(application.id, staff.id, {
      intent: "decide",
      decisionVersion: "0",
      outcome: "LAUREATE",
      awardedAmount: "120 000",
      motivation: "Excellent",
      committeeDate: "2026-11-20",
    });
    expect(response.status).toBe(400);
    expect(await formErrors(response)).toEqual({ awardedAmount: ["envelopeExceeded"] });
    expect(await prisma.decision.count({ where: { applicationId: application.id } })).toBe(0);
  });

  it("keeps staff pages from applicants", async () => {
    const { application, applicant } = await submittedFile();
    expect((await callLoader(staffFileRoute.loader, { userId: applicant.id, params: { id: application.id } })).status).toBe(403);
    const attempt = await staffPost(application.id, applicant.id, { intent: "eligibility", eligible: "yes", note: "" });
    expect(attempt.status).toBe(403);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("SUBMITTED");
  });
});

describe("letter verification", () => {
  it("shows what a laureate letter states from its code, and tells its PDF from a modified one without saying why", async () => {
    const { call, application, staff, reviewer, organization } = await submittedFile();
    const assignment = await assignToReviewer(application.id, staff.id, reviewer.id);
    await sendReview(assignment.id, reviewer.id, call.criteria, "4");
    await staffPost(application.id, staff.id, {
      intent: "decide",
      decisionVersion: "0",
      outcome: "LAUREATE",
      awardedAmount: "120 000",
      motivation: "Programme solide.",
      committeeDate: "2026-11-20",
    });
    await staffPost(application.id, staff.id, { intent: "issueLetter" });
    const letter = await prisma.letter.findFirstOrThrow({ where: { applicationId: application.id } });
    const text = flattenText(await extractPdfText(letter.pdf));
    const code = /Vérifiez ce courrier sur \S+\/v\/([0-9A-F]{12})/.exec(text)?.[1];
    expect(code).toBe(letter.verificationCode);

    const shortUrl = await callLoader(verificationShortRoute.loader, { params: { code: code! } });
    expect(shortUrl.headers.get("Location")).toBe(`/verification?code=${code}`);
    const check = (query: string) => callLoader(verificationRoute.loader, { path: `/verification?${query}` }).then((r) => r.json());
    const genuine = await check(`code=${code}`);
    // What the letter states that matters, and nothing else about the file.
    expect(genuine.letter).toEqual({
      reference: letter.reference,
      issuedAt: letter.issuedAt.toISOString(),
      organization: organization.legalName,
      projectTitle: application.projectTitle,
      outcome: "LAUREATE",
      awardedCents: 12_000_000,
    });
    expect((await check(`code=${code!.toLowerCase().replace(/(.{4})(?!$)/g, "$1-")}`)).letter?.reference).toBe(letter.reference);
    expect((await check(`reference=${letter.reference}&code=${code}`)).letter?.reference).toBe(letter.reference);
    expect(await check("code=000000000000")).toMatchObject({ checked: true, letter: null });
    expect(await check(`reference=${letter.reference}&code=000000000000`)).toMatchObject({ checked: true, letter: null });

    const upload = async (bytes: Uint8Array<ArrayBuffer>, given = code!) => {
      const response = await postForm(
        verificationRoute.action,
        { code: given, letterPdf: new File([bytes], "courrier.pdf", { type: "application/pdf" }) },
        { path: `/verification?code=${given}` },
      );
      return (await response.json()) as { genuine: boolean | null };
    };
    const original = new Uint8Array(letter.pdf);
    expect(await upload(original)).toMatchObject({ genuine: true });
    // One byte changed in the middle of the file, and the same file with one byte more: both refused alike.
    const altered = new Uint8Array(original);
    const middle = Math.floor(altered.length / 2);
    altered[middle] = (altered[middle] ?? 0) ^ 1;
    expect(await upload(altered)).toMatchObject({ genuine: false });
    expect(await upload(new Uint8Array([...original, 0x0a]))).toMatchObject({ genuine: false });
    expect(await upload(original, "000000000000")).toMatchObject({ genuine: false });
    const missing = await postForm(verificationRoute.action, { code: code! }, { path: `/verification?code=${code}` });
    expect(missing.status).toBe(400);
  });
});

describe("conflict of interest", () => {
  it("takes the file from an expert who declares a conflict, and keeps it from them", async () => {
    const { application, staff, reviewer } = await submittedFile();
    const assignment = await assignToReviewer(application.id, staff.id, reviewer.id);
    const declare = (reason: string) =>
      postForm(reviewRoute.action, { intent: "conflict", reason }, { userId: reviewer.id, params: { assignmentId: assignment.id } });

    const empty = await declare("  ");
    expect(await formErrors(empty)).toEqual({ reason: ["required"] });
    expect((await declare("J'ai conseillé cette grappe en 2025.")).status).toBe(302);

    expect((await prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).status).toBe("DECLINED");
    expect((await callLoader(reviewRoute.loader, { userId: reviewer.id, params: { assignmentId: assignment.id } })).status).toBe(403);
    const staffPage = await (await callLoader(staffFileRoute.loader, { userId: staff.id, params: { id: application.id } })).json();
    expect(staffPage.availableReviewers.map((r: { id: string }) => r.id)).not.toContain(reviewer.id);
    expect(staffPage.application.conflicts).toEqual([
      expect.objectContaining({ reason: "J'ai conseillé cette grappe en 2025.", source: "REVIEWER" }),
    ]);
    expect(await prisma.auditEvent.count({ where: { action: "conflict.declared" } })).toBe(1);
  });
});

describe("concurrent staff actions", () => {
  it("issues one letter when two staff members send it at the same moment", async () => {
    const { call, application, staff, reviewer } = await submittedFile();
    const assignment = await assignToReviewer(application.id, staff.id, reviewer.id);
    await sendReview(assignment.id, reviewer.id, call.criteria, "4");
    await staffPost(application.id, staff.id, { intent: "decide", decisionVersion: "0", outcome: "LAUREATE", awardedAmount: "100 000", motivation: "Solide.", committeeDate: "2026-11-20" });
    const other = await createUser("STAFF");

    const results = await Promise.all([
      staffPost(application.id, staff.id, { intent: "issueLetter" }),
      staffPost(application.id, other.id, { intent: "issueLetter" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(await prisma.letter.count({ where: { applicationId: application.id } })).toBe(1);
  });

  it("refuses a decision based on a page shown before another decision, and keeps the first", async () => {
    const { call, application, staff, reviewer } = await submittedFile();
    const assignment = await assignToReviewer(application.id, staff.id, reviewer.id);
    await sendReview(assignment.id, reviewer.id, call.criteria, "4");
    const page = await (await callLoader(staffFileRoute.loader, { userId: staff.id, params: { id: application.id } })).json();
    const shownVersion = String(page.application.decisionVersion);
    const other = await createUser("STAFF");
    const decide = (userId: string, outcome: string, motivation: string) =>
      staffPost(application.id, userId, {
        intent: "decide",
        decisionVersion: shownVersion,
        outcome,
        awardedAmount: "100 000",
        motivation,
        committeeDate: "2026-11-20",
      });

    const results = await Promise.all([decide(staff.id, "LAUREATE", "Retenu par le comité."), decide(other.id, "REJECTED", "Écarté.")]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(await formErrors(refused)).toEqual({ "": ["decisionStale"] });
    const decision = await prisma.decision.findUniqueOrThrow({ where: { applicationId: application.id } });
    const winner = results[0]!.status === 302 ? { outcome: "LAUREATE", motivation: "Retenu par le comité." } : { outcome: "REJECTED", motivation: "Écarté." };
    expect(decision).toMatchObject(winner);
    expect(await prisma.auditEvent.count({ where: { action: "decision.recorded", entityId: decision.id } })).toBe(1);

    // Sent again from the same stale page, in sequence this time: still refused, nothing changes.
    const late = await decide(staff.id, winner.outcome === "LAUREATE" ? "REJECTED" : "LAUREATE", "Changement d'avis.");
    expect(late.status).toBe(409);
    expect(await prisma.decision.findUniqueOrThrow({ where: { applicationId: application.id } })).toMatchObject(winner);
  });

  it("never lets two grants together exceed the envelope", async () => {
    const { call, staff } = await submittedFile({ budgetCents: 15_000_000n });
    const reviewer = await createUser("REVIEWER");
    const files = await Promise.all(
      [1, 2].map(async () => {
        const { user, organization } = await createApplicant();
        return createApplication(call.id, organization.id, user.id, "SUBMITTED");
      }),
    );
    for (const file of files) {
      const assignment = await assignToReviewer(file.id, staff.id, reviewer.id);
      await sendReview(assignment.id, reviewer.id, call.criteria, "4");
    }
    const decide = (id: string) =>
      staffPost(id, staff.id, { intent: "decide", decisionVersion: "0", outcome: "LAUREATE", awardedAmount: "100 000", motivation: "Solide.", committeeDate: "2026-11-20" });
    const results = await Promise.all(files.map((f) => decide(f.id)));
    expect(results.map((r) => r.status).sort()).toEqual([302, 400]);
    const awarded = await prisma.decision.aggregate({ where: { application: { callId: call.id } }, _sum: { awardedCents: true } });
    expect(awarded._sum.awardedCents).toBe(10_000_000);
  });
});
