import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { LEGAL_FORMS, REGIONS } from "~/schemas/organization";
import { formatSiret } from "~/domain/siret";
import { ErrorSummary, SelectField, TextField } from "~/ui/fields";

type OrganizationFieldName = "legalName" | "siret" | "legalForm" | "addressLine" | "postalCode" | "city" | "region" | "sector" | "membersCount";
const NAMES: readonly OrganizationFieldName[] = ["legalName", "siret", "legalForm", "addressLine", "postalCode", "city", "region", "sector", "membersCount"];

type Fields = Record<OrganizationFieldName, FieldMetadata<string | number | null | undefined>>;

/** The errors of the organisation form, listed at its top, each linked to its field. */
export function OrganizationErrorSummary({ fields, reply }: { fields: Fields; reply: unknown }) {
  const { t } = useTranslation();
  return <ErrorSummary reply={reply} items={NAMES.map((name) => ({ id: fields[name].id, label: t(`organization.${name}`), errors: fields[name].errors }))} />;
}

/**
 * The organisation's details, as registered and as edited by its owners. Once a file has been
 * submitted, the SIRET is shown and sent unchanged instead of being an input.
 */
export function OrganizationFields({ fields, siretLocked = false }: { fields: Fields; siretLocked?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField field={fields.legalName} label={t("organization.legalName")} autoComplete="organization" />
      {siretLocked ? (
        <div className="fr-input-group">
          <p className="fr-mb-1w">
            {t("organization.siret")}
            {t("common.colon")}
            {formatSiret(String(fields.siret.initialValue ?? ""))}
          </p>
          <p className="fr-hint-text">{t("organizationTeam.siretLocked")}</p>
          <input type="hidden" name={fields.siret.name} value={String(fields.siret.initialValue ?? "")} />
        </div>
      ) : (
        <TextField field={fields.siret} label={t("organization.siret")} hint={t("organization.siretHint")} inputMode="numeric" />
      )}
      <SelectField
        field={fields.legalForm}
        label={t("organization.legalForm")}
        placeholder={t("common.choose")}
        options={LEGAL_FORMS.map((v) => ({ value: v, label: v }))}
      />
      <TextField field={fields.addressLine} label={t("organization.addressLine")} autoComplete="street-address" />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <TextField field={fields.postalCode} label={t("organization.postalCode")} autoComplete="postal-code" inputMode="numeric" />
        </div>
        <div className="fr-col-12 fr-col-md-8">
          <TextField field={fields.city} label={t("organization.city")} autoComplete="address-level2" />
        </div>
      </div>
      <SelectField field={fields.region} label={t("organization.region")} placeholder={t("common.choose")} options={REGIONS.map((v) => ({ value: v, label: v }))} />
      <TextField field={fields.sector} label={t("organization.sector")} hint={t("organization.sectorHint")} />
      <TextField field={fields.membersCount} label={t("organization.membersCount")} type="number" inputMode="numeric" />
    </>
  );
}
