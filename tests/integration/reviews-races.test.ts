import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as reviewRoute from "~/routes/expertise.$assignmentId";
import { createApplicant, createApplication, createCall, createUser } from "../support/factories";
import { formErrors, postForm } from "../support/remix";

/** A file under review with one expert on it. */
async function fileUnderReview() {
  const call = await createCall();
  const { user: applicant, organization } = await createApplicant();
  const application = await createApplication(call.id, organization.id, applicant.id, "ELIGIBLE");
  await prisma.application.update({ where: { id: application.id }, data: { status: "UNDER_REVIEW" } });
  const staff = await createUser("STAFF");
  const reviewer = await createUser("REVIEWER");
  const assignment = await prisma.assignment.create({
    data: { applicationId: application.id, reviewerId: reviewer.id, assignedById: staff.id },
  });
  return { call, application, reviewer, assignment };
}

function postReview(assignmentId: string, reviewerId: string, criteria: { id: string }[], intent: "save" | "submit") {
  const scores = Object.fromEntries(criteria.flatMap((c) => [[`score_${c.id}`, "4"], [`comment_${c.id}`, "Argumenté"]]));
  return postForm(reviewRoute.action, { intent, recommendation: "FUND", ...scores }, { userId: reviewerId, params: { assignmentId } });
}

function declareConflict(assignmentId: string, reviewerId: string) {
  return postForm(reviewRoute.action, { intent: "conflict", reason: "Ancien administrateur de la grappe" }, { userId: reviewerId, params: { assignmentId } });
}

describe("review races", () => {
  it("keeps a review submitted when saves and submits of it arrive together", async () => {
    const { call, application, reviewer, assignment } = await fileUnderReview();
    const intents = ["save", "submit", "save", "submit", "save", "submit", "save", "submit", "save", "submit"] as const;
    const responses = await Promise.all(intents.map((intent) => postReview(assignment.id, reviewer.id, call.criteria, intent)));

    expect(responses.every((r) => r.status === 302 || r.status === 409)).toBe(true);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(await formErrors(response)).toEqual({ "": ["reviewAlreadySubmitted"] });
    }
    expect(await prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).toMatchObject({ status: "SUBMITTED" });
    const review = await prisma.review.findUniqueOrThrow({ where: { assignmentId: assignment.id } });
    expect(review.status).toBe("SUBMITTED");
    expect(review.submittedAt).not.toBeNull();
    expect(await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).toMatchObject({ status: "REVIEWED" });
  });

  it("lets either the review or the conflict declaration through, never both", async () => {
    for (let round = 0; round < 5; round++) {
      const { call, application, reviewer, assignment } = await fileUnderReview();
      const [submitted, declared] = await Promise.all([
        postReview(assignment.id, reviewer.id, call.criteria, "submit"),
        declareConflict(assignment.id, reviewer.id),
      ]);

      const review = await prisma.review.findUnique({ where: { assignmentId: assignment.id } });
      const conflict = await prisma.conflict.findUnique({
        where: { reviewerId_applicationId: { reviewerId: reviewer.id, applicationId: application.id } },
      });
      const finalAssignment = await prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } });
      if (submitted.status === 302) {
        expect(declared.status).toBe(409);
        expect(await formErrors(declared)).toEqual({ "": ["reviewAlreadySubmitted"] });
        expect(conflict).toBeNull();
        expect(finalAssignment.status).toBe("SUBMITTED");
        expect(review?.status).toBe("SUBMITTED");
      } else {
        expect(declared.status).toBe(302);
        // Refused by the permission check (conflict already visible) or by the guard under lock.
        expect([403, 409]).toContain(submitted.status);
        expect(conflict).not.toBeNull();
        expect(finalAssignment.status).toBe("DECLINED");
        expect(review).toBeNull();
      }
    }
  });
});
