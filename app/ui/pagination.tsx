import { useTranslation } from "react-i18next";

/** Pages shown around the current one; the first and last are always shown. */
const AROUND = 1;

/**
 * The design system's pagination with plain links, so that it works without JavaScript. A
 * link that leads nowhere (previous on the first page) is disabled as the design system asks.
 */
export function Pagination({ page, count, hrefFor }: { page: number; count: number; hrefFor: (page: number) => string }) {
  const { t } = useTranslation();
  if (count <= 1) return null;
  const shown = [...new Set([1, ...Array.from({ length: 2 * AROUND + 1 }, (_, i) => page - AROUND + i), count])]
    .filter((p) => p >= 1 && p <= count)
    .sort((a, b) => a - b);
  const edge = (target: number, className: string, label: string, enabled: boolean) => (
    <li>
      {enabled ? (
        <a className={`fr-pagination__link ${className}`} href={hrefFor(target)} title={label}>
          {label}
        </a>
      ) : (
        <a className={`fr-pagination__link ${className}`} aria-disabled="true" role="link" title={label}>
          {label}
        </a>
      )}
    </li>
  );
  return (
    <nav role="navigation" className="fr-pagination fr-mt-3w" aria-label={t("pagination.label")}>
      <ul className="fr-pagination__list">
        {edge(1, "fr-pagination__link--first", t("pagination.first"), page > 1)}
        {edge(page - 1, "fr-pagination__link--prev fr-pagination__link--lg-label", t("pagination.previous"), page > 1)}
        {shown.map((p, i) => (
          <PageItem key={p} page={p} current={p === page} gapBefore={i > 0 && p - shown[i - 1]! > 1} href={hrefFor(p)} />
        ))}
        {edge(page + 1, "fr-pagination__link--next fr-pagination__link--lg-label", t("pagination.next"), page < count)}
        {edge(count, "fr-pagination__link--last", t("pagination.last"), page < count)}
      </ul>
    </nav>
  );
}

function PageItem({ page, current, gapBefore, href }: { page: number; current: boolean; gapBefore: boolean; href: string }) {
  const { t } = useTranslation();
  const title = t("pagination.page", { page });
  return (
    <>
      {gapBefore ? (
        <li>
          <span className="fr-pagination__link fr-hidden fr-unhidden-lg">…</span>
        </li>
      ) : null}
      <li>
        {current ? (
          <a className="fr-pagination__link" aria-current="page" title={title}>
            {page}
          </a>
        ) : (
          <a className="fr-pagination__link" href={href} title={title}>
            {page}
          </a>
        )}
      </li>
    </>
  );
}
