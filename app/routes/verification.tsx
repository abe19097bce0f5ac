import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { verificationSchema } from "~/schemas/verification";
import { verifyLetter } from "~/services/decisions.server";
import { allowPublic } from "~/auth/permissions.server";
import { TextField } from "~/ui/fields";
import { StatusBadge } from "~/ui/status-badge";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.verification");

/**
 * Public on purpose: whoever holds a letter (a bank, a partner) can check it is genuine.
 * Without the right code the page says no more than "not found", whatever the reference.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await allowPublic(request, "letter.verify");
  const url = new URL(request.url);
  if (!url.searchParams.has("reference")) return json({ submission: null, letter: null, checked: false });
  const submission = parseWithZod(url.searchParams, { schema: verificationSchema });
  if (submission.status !== "success") return json({ submission: submission.reply(), letter: null, checked: false });
  const letter = await verifyLetter(submission.value.reference, submission.value.code);
  return json({ submission: submission.reply(), letter, checked: true });
}

export default function VerifyLetter() {
  const { submission, letter, checked } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFormat();
  const [form, fields] = useForm({
    lastResult: submission,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: verificationSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t("verification.title")}</h1>
        <p>{t("verification.lead")}</p>
        <Form method="get" {...getFormProps(form)}>
          <TextField field={fields.reference} label={t("verification.reference")} hint={t("verification.referenceHint")} />
          <TextField field={fields.code} label={t("verification.code")} />
          <button type="submit" className="fr-btn">
            {t("verification.submit")}
          </button>
        </Form>
        {checked ? (
          letter ? (
            <div className="fr-alert fr-alert--success fr-mt-4w" role="status">
              <h2 className="fr-alert__title">{t("verification.genuine")}</h2>
              <ul>
                <li>{t("verification.issued", { reference: letter.reference, date: f.date(letter.issuedAt) })}</li>
                <li>{letter.application.organization.legalName}</li>
                <li>
                  {letter.application.call.title} — {letter.application.projectTitle}
                </li>
                <li>
                  <StatusBadge status={letter.decision.outcome} />
                </li>
                <li className="fr-text--xs">{t("verification.fingerprint", { sha256: letter.sha256 })}</li>
              </ul>
            </div>
          ) : (
            <div className="fr-alert fr-alert--error fr-mt-4w" role="status">
              <h2 className="fr-alert__title">{t("verification.notFound")}</h2>
              <p>{t("verification.notFoundHint")}</p>
            </div>
          )
        ) : null}
      </div>
    </div>
  );
}
