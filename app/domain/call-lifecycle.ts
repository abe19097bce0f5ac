import { DomainError } from "~/domain/errors";
import { endOfParisDay, parisCalendarDay, parisWallTimeToInstant } from "~/domain/dates";

/**
 * A call's life: draft → published → closed → review → deliberation → decided → announced →
 * archived. Every status but « closed » is stored; a published call is closed from its closing
 * instant on, read from the clock, so no scheduled job has to run for the deadline to hold.
 */
export const CALL_PHASES = ["DRAFT", "PUBLISHED", "CLOSED", "REVIEW", "DELIBERATION", "DECIDED", "ANNOUNCED", "ARCHIVED"] as const;
export type CallPhase = (typeof CALL_PHASES)[number];
export type StoredCallStatus = Exclude<CallPhase, "CLOSED">;

export interface CallClock {
  status: string;
  closesAt: Date;
}

export function callPhase(call: CallClock, now: Date): CallPhase {
  if (call.status === "PUBLISHED" && now > call.closesAt) return "CLOSED";
  return call.status as CallPhase;
}

/** What staff may ask of a call, each named after the step it takes. */
export const CALL_STEPS = ["publish", "startReview", "startDeliberation", "finalizeDecisions", "announce", "archive"] as const;
export type CallStep = (typeof CALL_STEPS)[number];

const STEPS: Record<CallStep, { from: readonly CallPhase[]; to: StoredCallStatus }> = {
  publish: { from: ["DRAFT"], to: "PUBLISHED" },
  startReview: { from: ["CLOSED"], to: "REVIEW" },
  startDeliberation: { from: ["REVIEW"], to: "DELIBERATION" },
  finalizeDecisions: { from: ["DELIBERATION"], to: "DECIDED" },
  announce: { from: ["DECIDED"], to: "ANNOUNCED" },
  // A draft nobody will publish, or a call whose results are out.
  archive: { from: ["DRAFT", "ANNOUNCED"], to: "ARCHIVED" },
};

/** Everything a guard needs to know about a call, gathered by the caller. */
export interface CallFacts extends CallClock {
  opensAt: Date;
  budgetCents: number;
  minGrantCents: number;
  maxGrantCents: number;
  hasForm: boolean;
  /** The weights of the grid's criteria. */
  criterionWeights: number[];
  /** Files handed in and still waiting for a decision (submitted, eligible, under review, reviewed). */
  undecidedFiles: number;
  /** Decided files whose letter has not been sent. */
  unnotifiedDecisions: number;
}

/** Why a step is refused: i18n keys under `errors.`, all of them, so staff fix everything at once. */
export function stepRefusals(step: CallStep, call: CallFacts, now: Date): string[] {
  const { from } = STEPS[step];
  if (!from.includes(callPhase(call, now))) {
    // Being still open is the one reason staff meet most: it gets its own words.
    if (step === "startReview" && callPhase(call, now) === "PUBLISHED") return ["callStillOpen"];
    return ["callStepNotNow"];
  }
  const reasons: string[] = [];
  if (step === "publish") {
    if (!(call.opensAt < call.closesAt)) reasons.push("callDatesMissing");
    else if (call.closesAt <= now) reasons.push("callClosingPassed");
    if (call.budgetCents <= 0) reasons.push("callEnvelopeMissing");
    if (!call.hasForm) reasons.push("callFormMissing");
    if (call.criterionWeights.length === 0) reasons.push("callGridMissing");
    else if (call.criterionWeights.reduce((a, b) => a + b, 0) !== 100) reasons.push("weightsNot100");
  }
  if (step === "finalizeDecisions" && call.undecidedFiles > 0) reasons.push("callFilesUndecided");
  if (step === "announce" && call.unnotifiedDecisions > 0) reasons.push("callLettersPending");
  return reasons;
}

/** The stored status a step leads to, or the refusal with every reason. */
export function nextStatus(step: CallStep, call: CallFacts, now: Date): StoredCallStatus {
  const reasons = stepRefusals(step, call, now);
  if (reasons.length > 0) {
    throw new DomainError(reasons[0]!, undefined, 409, Object.fromEntries(reasons.map((r, i) => [`reason${i}`, r])));
  }
  return STEPS[step].to;
}

/**
 * The steps shown as buttons in a phase. A published call already shows the step its closing
 * opens, refused until then, so staff see what comes next and when.
 */
export function stepsFrom(phase: CallPhase): CallStep[] {
  const shownFor = phase === "PUBLISHED" ? "CLOSED" : phase;
  return CALL_STEPS.filter((step) => STEPS[step].from.includes(shownFor));
}

/**
 * Decisions are taken once the call is closed and until they are declared final: before, files
 * may still arrive; after, the list is what the committee decided.
 */
export function assertDecisionsOpen(call: CallClock, now: Date): void {
  const phase = callPhase(call, now);
  if (phase === "DRAFT" || phase === "PUBLISHED") throw new DomainError("callNotClosed", undefined, 409);
  if (phase === "DECIDED" || phase === "ANNOUNCED" || phase === "ARCHIVED") throw new DomainError("decisionsFinal", undefined, 409);
}

/** Letters go out once the call is closed; the committee may send them as it decides. */
export function assertLettersOpen(call: CallClock, now: Date): void {
  const phase = callPhase(call, now);
  if (phase === "DRAFT" || phase === "PUBLISHED") throw new DomainError("callNotClosed", undefined, 409);
}

/** Statuses whose call the public may see. */
export const PUBLIC_CALL_STATUSES = ["PUBLISHED", "REVIEW", "DELIBERATION", "DECIDED", "ANNOUNCED"] as const;

/** The grid may change until the first review is submitted, then only after an audited reopen. */
export function gridEditable(submittedReviews: number, reopened: boolean): boolean {
  return submittedReviews === 0 || reopened;
}

function parseDay(value: string) {
  const [year, month, date] = value.split("-").map(Number);
  return { year: year!, month: month!, date: date! };
}

/** Opening is the first second of its Paris day; every other day ends at 23:59:59 Paris time. */
export function openingInstant(value: string): Date {
  const { year, month, date } = parseDay(value);
  return parisWallTimeToInstant(year, month, date);
}

export function closingInstant(value: string): Date {
  const { year, month, date } = parseDay(value);
  return endOfParisDay(year, month, date);
}

/** "YYYY-MM-DD" of an instant's Paris day, as a date input shows it. */
export function parisDayValue(at: Date): string {
  const { year, month, day: date } = parisCalendarDay(at);
  return `${year}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`;
}
