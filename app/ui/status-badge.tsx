import { useTranslation } from "react-i18next";

const TONE: Record<string, string> = {
  DRAFT: "fr-badge--new",
  SUBMITTED: "fr-badge--info",
  ELIGIBLE: "fr-badge--info",
  INELIGIBLE: "fr-badge--error",
  UNDER_REVIEW: "fr-badge--info",
  REVIEWED: "fr-badge--info",
  LAUREATE: "fr-badge--success",
  WAITLISTED: "fr-badge--warning",
  REJECTED: "fr-badge--error",
  WITHDRAWN: "",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <p className={`fr-badge fr-badge--sm ${TONE[status] ?? ""}`}>{t(`status.${status}`, { defaultValue: status })}</p>;
}
