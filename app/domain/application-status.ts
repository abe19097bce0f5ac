import { DomainError } from "~/domain/errors";

export const APPLICATION_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "ELIGIBLE",
  "INELIGIBLE",
  "UNDER_REVIEW",
  "REVIEWED",
  "LAUREATE",
  "WAITLISTED",
  "REJECTED",
  "WITHDRAWN",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Every allowed move of a file; anything else is refused by `assertTransition`. */
const TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  DRAFT: ["SUBMITTED", "WITHDRAWN"],
  SUBMITTED: ["ELIGIBLE", "INELIGIBLE", "WITHDRAWN"],
  ELIGIBLE: ["UNDER_REVIEW", "INELIGIBLE"],
  INELIGIBLE: ["ELIGIBLE"],
  UNDER_REVIEW: ["REVIEWED"],
  REVIEWED: ["UNDER_REVIEW", "LAUREATE", "WAITLISTED", "REJECTED"],
  LAUREATE: ["WAITLISTED", "REJECTED"],
  WAITLISTED: ["LAUREATE", "REJECTED"],
  REJECTED: ["LAUREATE", "WAITLISTED"],
  WITHDRAWN: [],
};

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (!canTransition(from, to)) throw new DomainError("transitionRefused", undefined, 409);
}

const DECIDED_STATUSES: readonly ApplicationStatus[] = ["LAUREATE", "WAITLISTED", "REJECTED"];

export function isDecided(status: ApplicationStatus): boolean {
  return DECIDED_STATUSES.includes(status);
}

export interface CallWindow {
  status: string;
  opensAt: Date;
  closesAt: Date;
}

export function isCallOpen(call: CallWindow, now: Date): boolean {
  return call.status === "PUBLISHED" && call.opensAt <= now && now <= call.closesAt;
}

/**
 * What stands between a draft and its submission, as field → i18n error key: answers and
 * files still missing (see `missingForSubmission` in the form definition module) and eligibility
 * conditions not met (see `checkEligibility`), null when every one is met; a condition on no
 * field of the form (the organisation's region) fails with an empty map.
 */
export interface SubmissionReadiness {
  missing: Record<string, string>;
  ineligible: Record<string, string> | null;
}

/** Guard of DRAFT → SUBMITTED: the deadline first, then completeness, then eligibility. */
export function assertSubmittable(status: ApplicationStatus, call: CallWindow, readiness: SubmissionReadiness, now: Date): void {
  assertTransition(status, "SUBMITTED");
  if (now > call.closesAt) throw new DomainError("deadlinePassed", undefined, 409);
  if (!isCallOpen(call, now)) throw new DomainError("callNotOpen", undefined, 409);
  if (Object.keys(readiness.missing).length > 0) throw new DomainError("incomplete", undefined, 400, readiness.missing);
  if (readiness.ineligible) throw new DomainError("ineligible", undefined, 400, readiness.ineligible);
}

/** "GRAPPES-2026-000042": the call's code and its submission counter. */
export function formatReceiptNumber(callCode: string, sequence: number): string {
  return `${callCode}-${String(sequence).padStart(6, "0")}`;
}

export function formatLetterReference(callCode: string, sequence: number): string {
  return `${callCode}-D-${String(sequence).padStart(6, "0")}`;
}

/**
 * What the applicant may know of their file: the committee's work stays internal until the
 * decision letter is sent, so nothing leaks before the official notification. Ineligibility is
 * emailed to the applicant when it is recorded, so it shows at once.
 */
export function applicantVisibleStatus(status: ApplicationStatus, notified: boolean): ApplicationStatus | "IN_PROGRESS" {
  if (status === "DRAFT" || status === "SUBMITTED" || status === "WITHDRAWN" || status === "INELIGIBLE") return status;
  if (notified && isDecided(status)) return status;
  return "IN_PROGRESS";
}
