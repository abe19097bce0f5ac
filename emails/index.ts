import { accountConfirmation } from "./account-confirmation";
import { accountExists } from "./account-exists";
import { passwordReset } from "./password-reset";
import { emailChange } from "./email-change";
import { accountNotice } from "./account-notice";
import { organizationInvitation } from "./organization-invitation";
import { organizationNotice } from "./organization-notice";
import { applicationIneligible } from "./application-ineligible";
import { applicationSubmitted } from "./application-submitted";
import { decisionLetter } from "./decision-letter";
import { reviewAssigned } from "./review-assigned";
import type { EmailLocale, RenderedEmail } from "./layout";

export type { EmailLocale, RenderedEmail } from "./layout";
export { escapeHtml } from "./layout";
export type { AccountConfirmationPayload } from "./account-confirmation";
export type { AccountExistsPayload } from "./account-exists";
export type { PasswordResetPayload } from "./password-reset";
export type { EmailChangePayload } from "./email-change";
export type { AccountNoticePayload, AccountNoticeKind } from "./account-notice";
export type { OrganizationInvitationPayload } from "./organization-invitation";
export type { OrganizationNoticePayload, OrganizationNoticeKind } from "./organization-notice";
export type { ApplicationIneligiblePayload } from "./application-ineligible";
export type { ApplicationSubmittedPayload } from "./application-submitted";
export type { DecisionLetterPayload } from "./decision-letter";
export type { ReviewAssignedPayload } from "./review-assigned";

export const emailTemplates = {
  "account-confirmation": accountConfirmation,
  "account-exists": accountExists,
  "password-reset": passwordReset,
  "email-change": emailChange,
  "account-notice": accountNotice,
  "organization-invitation": organizationInvitation,
  "organization-notice": organizationNotice,
  "application-submitted": applicationSubmitted,
  "application-ineligible": applicationIneligible,
  "decision-letter": decisionLetter,
  "review-assigned": reviewAssigned,
} satisfies Record<string, (locale: EmailLocale, payload: never) => RenderedEmail>;

export type EmailTemplate = keyof typeof emailTemplates;

/** The payload each template expects; it is stored as JSON in the outbox, so only plain values. */
export type EmailPayloads = { [T in EmailTemplate]: Parameters<(typeof emailTemplates)[T]>[1] };

export function renderEmail<T extends EmailTemplate>(template: T, locale: EmailLocale, payload: EmailPayloads[T]): RenderedEmail {
  // TypeScript cannot correlate the template name with its payload through the lookup; the signature above does.
  const render = emailTemplates[template] as (locale: EmailLocale, payload: EmailPayloads[T]) => RenderedEmail;
  return render(locale, payload);
}
