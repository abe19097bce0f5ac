import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { loadPasswordChecker, MIN_PASSWORD_SCORE, type StrengthReport } from "~/auth/password-strength";
import { toLocale } from "~/i18n/config";

const LEVELS = ["veryWeak", "weak", "fair", "strong", "veryStrong"] as const;

/**
 * The strength of the password being typed, as the server will judge it. Without JavaScript
 * nothing shows and the server's verdict arrives next to the field after sending.
 */
export function PasswordStrength({ password, personalInputs }: { password: string | undefined; personalInputs: string[] }) {
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<StrengthReport | null>(null);
  const inputs = personalInputs.join("\u0000");

  useEffect(() => {
    if (!password) {
      setReport(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void loadPasswordChecker(toLocale(i18n.language)).then((check) => {
        if (current) setReport(check(password, inputs.split("\u0000")));
      });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [password, inputs, i18n.language]);

  if (!report) return null;
  const enough = report.score >= MIN_PASSWORD_SCORE;
  return (
    <div className="fr-messages-group" aria-live="polite">
      <p className={`fr-message ${enough ? "fr-message--valid" : "fr-message--info"}`}>
        {t("auth.strength.label", { level: t(`auth.strength.${LEVELS[report.score]}`) })}
        {enough ? "" : ` ${t("auth.strength.tooWeak")}`}
      </p>
      {report.warning ? <p className="fr-message fr-message--info">{report.warning}</p> : null}
    </div>
  );
}
