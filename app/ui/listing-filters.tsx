import { useTranslation } from "react-i18next";

interface ListingFiltersProps {
  listing: { q?: string; statut?: string; region?: string; tri: string };
  statuses: readonly string[];
  /** Label of the empty status choice: what the list shows when no status is chosen. */
  allStatuses: string;
  regions: readonly string[];
  sorts: { value: string; label: string }[];
  clearHref: string | null;
  /** Filters only this list has. */
  children?: React.ReactNode;
}

/**
 * The filter form above a staff list: a plain GET form, so that filters, sort and pages all live
 * in the address and work without JavaScript.
 */
export function ListingFilters({ listing, statuses, allStatuses, regions, sorts, clearHref, children }: ListingFiltersProps) {
  const { t } = useTranslation();
  return (
    <form method="get" className="fr-mb-3w">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="q">
              {t("staff.search")}
              <span className="fr-hint-text">{t("staff.searchHint")}</span>
            </label>
            <input className="fr-input" id="q" name="q" type="search" defaultValue={listing.q ?? ""} />
          </div>
        </div>
        <FilterSelect
          name="statut"
          label={t("staff.filterByStatus")}
          value={listing.statut}
          all={allStatuses}
          options={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <FilterSelect
          name="region"
          label={t("staff.filterByRegion")}
          value={listing.region}
          all={t("staff.allRegions")}
          options={regions.map((r) => ({ value: r, label: r }))}
        />
        {children}
        <FilterSelect name="tri" label={t("staff.sortBy")} value={listing.tri} options={sorts} />
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <li>
          <button type="submit" className="fr-btn fr-btn--secondary">
            {t("staff.filter")}
          </button>
        </li>
        {clearHref ? (
          <li>
            <a className="fr-btn fr-btn--tertiary" href={clearHref}>
              {t("staff.clearFilter")}
            </a>
          </li>
        ) : null}
      </ul>
    </form>
  );
}

/** One select of the filter form; `all` labels the empty choice, absent for a select that always has a value (the sort). */
export function FilterSelect({
  name,
  label,
  value,
  all,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  all?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="fr-col-12 fr-col-md-4">
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={name}>
          {label}
        </label>
        <select className="fr-select" id={name} name={name} defaultValue={value ?? ""}>
          {all !== undefined ? <option value="">{all}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
