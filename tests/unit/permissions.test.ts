import { describe, expect, it, vi } from "vitest";

// `can` is pure, but its module also holds the request guards, which import the session
// code and, through it, open the database. Stub the session module so no database is touched.
vi.mock("~/auth/session.server", () => ({ getViewer: vi.fn() }));

const { can } = await import("~/auth/permissions.server");
type Viewer = import("~/auth/permissions.server").Viewer;

const staff: Viewer = { id: "staff-1", role: "STAFF", organizationIds: [] };
const member: Viewer = { id: "applicant-1", role: "APPLICANT", organizationIds: ["org-jura"] };
const outsider: Viewer = { id: "applicant-2", role: "APPLICANT", organizationIds: ["org-other"] };
const reviewer: Viewer = { id: "reviewer-1", role: "REVIEWER", organizationIds: [] };

const file = (status: string, extra: { reviewerIds?: string[]; conflictedReviewerIds?: string[] } = {}) => ({
  organizationId: "org-jura",
  status,
  reviewerIds: extra.reviewerIds ?? [],
  conflictedReviewerIds: extra.conflictedReviewerIds ?? [],
});

describe("staff", () => {
  it("can manage and view any file", () => {
    expect(can(staff, "application.manage", file("SUBMITTED"))).toBe(true);
    expect(can(staff, "application.view", file("REVIEWED"))).toBe(true);
  });

  it("cannot edit an applicant's draft", () => {
    expect(can(staff, "application.edit", file("DRAFT"))).toBe(false);
  });
});

describe("applicant", () => {
  it("can view and edit their organisation's draft", () => {
    expect(can(member, "application.view", file("DRAFT"))).toBe(true);
    expect(can(member, "application.edit", file("DRAFT"))).toBe(true);
  });

  it("can still view a submitted file but no longer edit it", () => {
    expect(can(member, "application.view", file("SUBMITTED"))).toBe(true);
    expect(can(member, "application.edit", file("SUBMITTED"))).toBe(false);
  });

  it("cannot view or edit another organisation's file", () => {
    expect(can(outsider, "application.view", file("DRAFT"))).toBe(false);
    expect(can(outsider, "application.edit", file("DRAFT"))).toBe(false);
  });

  it("cannot manage files", () => {
    expect(can(member, "application.manage", file("SUBMITTED"))).toBe(false);
  });
});

describe("reviewer", () => {
  it("can view a file they are assigned to", () => {
    expect(can(reviewer, "application.view", file("UNDER_REVIEW", { reviewerIds: ["reviewer-1"] }))).toBe(true);
  });

  it("cannot view a file they are assigned to but conflicted on", () => {
    const conflicted = file("UNDER_REVIEW", { reviewerIds: ["reviewer-1"], conflictedReviewerIds: ["reviewer-1"] });
    expect(can(reviewer, "application.view", conflicted)).toBe(false);
  });

  it("cannot view a file they are not assigned to", () => {
    expect(can(reviewer, "application.view", file("UNDER_REVIEW", { reviewerIds: ["reviewer-9"] }))).toBe(false);
  });

  it("cannot edit or manage even an assigned file", () => {
    const assigned = file("UNDER_REVIEW", { reviewerIds: ["reviewer-1"] });
    expect(can(reviewer, "application.edit", assigned)).toBe(false);
    expect(can(reviewer, "application.manage", assigned)).toBe(false);
  });
});

describe("letter.download", () => {
  it("is refused to a member before notification and allowed after", () => {
    expect(can(member, "letter.download", { ...file("LAUREATE"), notified: false })).toBe(false);
    expect(can(member, "letter.download", { ...file("LAUREATE"), notified: true })).toBe(true);
  });

  it("is refused to another organisation even once notified", () => {
    expect(can(outsider, "letter.download", { ...file("LAUREATE"), notified: true })).toBe(false);
  });
});

describe("assignment.review", () => {
  const own = { reviewerId: "reviewer-1", status: "PENDING", conflicted: false };

  it("is allowed on the reviewer's own live, non-conflicted assignment", () => {
    expect(can(reviewer, "assignment.review", own)).toBe(true);
  });

  it("is refused on someone else's assignment", () => {
    expect(can(reviewer, "assignment.review", { ...own, reviewerId: "reviewer-9" })).toBe(false);
  });

  it("is refused when conflicted", () => {
    expect(can(reviewer, "assignment.review", { ...own, conflicted: true })).toBe(false);
  });

  it("is refused once declined", () => {
    expect(can(reviewer, "assignment.review", { ...own, status: "DECLINED" })).toBe(false);
  });
});

describe("anonymous", () => {
  it("may browse calls and check a letter, nothing else", () => {
    expect(can(null, "call.browse", null)).toBe(true);
    expect(can(null, "letter.verify", null)).toBe(true);
  });

  it("is never allowed anything private", () => {
    expect(can(null, "application.view", file("SUBMITTED"))).toBe(false);
    expect(can(null, "letter.download", { ...file("LAUREATE"), notified: true })).toBe(false);
    expect(can(null, "assignment.review", { reviewerId: "reviewer-1", status: "PENDING", conflicted: false })).toBe(false);
    expect(can(null, "staff.area", null)).toBe(false);
  });
});

describe("organisation and account", () => {
  const jura = { organizationId: "org-jura", ownerIds: ["owner-1"] };
  const owner: Viewer = { id: "owner-1", role: "APPLICANT", organizationIds: ["org-jura"] };
  const newcomer: Viewer = { id: "applicant-3", role: "APPLICANT", organizationIds: [] };

  it("lets every member see the organisation and leave it, and only its owners manage it", () => {
    expect(can(member, "organization.view", jura)).toBe(true);
    expect(can(member, "organization.leave", jura)).toBe(true);
    expect(can(member, "organization.manage", jura)).toBe(false);
    expect(can(owner, "organization.manage", jura)).toBe(true);
    for (const other of [outsider, staff, reviewer, null]) {
      expect(can(other, "organization.view", jura)).toBe(false);
      expect(can(other, "organization.manage", jura)).toBe(false);
    }
  });

  it("lets only an applicant without an organisation join one", () => {
    expect(can(newcomer, "organization.join", null)).toBe(true);
    for (const other of [member, staff, reviewer, null]) expect(can(other, "organization.join", null)).toBe(false);
  });

  it("opens the account page to every signed-in person, and emailed links to anyone", () => {
    for (const viewer of [member, staff, reviewer]) expect(can(viewer, "account.manage", null)).toBe(true);
    expect(can(null, "account.manage", null)).toBe(false);
    expect(can(null, "account.emailChange", null)).toBe(true);
    expect(can(null, "invitation.open", null)).toBe(true);
  });
});
