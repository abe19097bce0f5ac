import { useTranslation } from "react-i18next";

/** DSFR breadcrumb; the last crumb is the current page. */
export function Breadcrumb({ trail, current }: { trail: { href: string; label: string }[]; current: string }) {
  const { t } = useTranslation();
  return (
    <nav role="navigation" className="fr-breadcrumb" aria-label={t("nav.breadcrumb")}>
      <ol className="fr-breadcrumb__list">
        {trail.map((crumb) => (
          <li key={crumb.href}>
            <a className="fr-breadcrumb__link" href={crumb.href}>
              {crumb.label}
            </a>
          </li>
        ))}
        <li>
          <a className="fr-breadcrumb__link" aria-current="page">
            {current}
          </a>
        </li>
      </ol>
    </nav>
  );
}
