import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { requireViewer, requireAllowed } from "~/auth/permissions.server";
import { organizationSchema, REGIONS, LEGAL_FORMS } from "~/schemas/organization";
import { createOrganization } from "~/services/organizations.server";
import { readForm, replyWithDomainError } from "~/forms.server";
import { ErrorSummary, FormAlert, RequiredFieldsNotice, SelectField, TextField } from "~/ui/fields";
import { redirectWithFlash } from "~/http/flash.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.organization");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  if (viewer.role === "APPLICANT" && viewer.organizationIds.length > 0) throw redirect("/espace");
  await requireAllowed(request, "organization.create", null);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireAllowed(request, "organization.create", null);
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const submission = parseWithZod(formData, { schema: organizationSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await createOrganization(viewer, submission.value);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirectWithFlash("/espace", { kind: "notice", key: "organizationCreated" });
}

export default function CreateOrganization() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organizationSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-lg-8">
        <h1>{t("organization.title")}</h1>
        <p>{t("organization.lead")}</p>
        <FormAlert errors={form.errors} id={form.errorId} />
        <ErrorSummary
          reply={lastResult}
          items={(["legalName", "siret", "legalForm", "addressLine", "postalCode", "city", "region", "sector", "membersCount"] as const).map((name) => ({
            id: fields[name].id,
            label: t(`organization.${name}`),
            errors: fields[name].errors,
          }))}
        />
        <Form method="post" {...getFormProps(form)}>
          <RequiredFieldsNotice />
          <TextField field={fields.legalName} label={t("organization.legalName")} autoComplete="organization" />
          <TextField field={fields.siret} label={t("organization.siret")} hint={t("organization.siretHint")} inputMode="numeric" />
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
          <SelectField
            field={fields.region}
            label={t("organization.region")}
            placeholder={t("common.choose")}
            options={REGIONS.map((v) => ({ value: v, label: v }))}
          />
          <TextField field={fields.sector} label={t("organization.sector")} hint={t("organization.sectorHint")} />
          <TextField field={fields.membersCount} label={t("organization.membersCount")} type="number" inputMode="numeric" />
          <button type="submit" className="fr-btn">
            {t("organization.submit")}
          </button>
        </Form>
      </div>
    </div>
  );
}
