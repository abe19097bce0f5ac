import { useTranslation } from "react-i18next";

/** The two ways in for someone not signed in: sign in (and come back), or open an account. */
export function SignInOrUp({ redirectTo }: { redirectTo?: string }) {
  const { t } = useTranslation();
  const login = redirectTo ? `/connexion?redirectTo=${encodeURIComponent(redirectTo)}` : "/connexion";
  return (
    <ul className="fr-btns-group fr-btns-group--inline-sm">
      <li>
        <a className="fr-btn" href={login}>
          {t("nav.login")}
        </a>
      </li>
      <li>
        <a className="fr-btn fr-btn--secondary" href="/inscription">
          {t("nav.signup")}
        </a>
      </li>
    </ul>
  );
}
