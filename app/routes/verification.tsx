import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { letterFileSchema, verificationSchema } from "~/schemas/verification";
import { isGenuineLetterFile, verifyLetter } from "~/services/decisions.server";
import { allowPublic } from "~/auth/permissions.server";
import { readForm } from "~/forms.server";
import { FileField, TextField } from "~/ui/fields";
import { StatusBadge } from "~/ui/status-badge";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.verification");

/**
 * Public on purpose: whoever holds a letter (a bank, a partner) can check it is genuine. The page
 * shows what the letter states that matters and nothing else about the file; without the right
 * code it says no more than "not found", whatever the reference.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await allowPublic(request, "letter.verify");
  const url = new URL(request.url);
  if (!url.searchParams.has("code")) return json({ submission: null, letter: null, checked: false });
  const submission = parseWithZod(url.searchParams, { schema: verificationSchema });
  if (submission.status !== "success") return json({ submission: submission.reply(), letter: null, checked: false });
  const letter = await verifyLetter(submission.value.reference, submission.value.code);
  return json({ submission: submission.reply(), letter, checked: true });
}

/** Compares an uploaded PDF with the letter the code designates: genuine or not, never why. */
export async function action({ request }: ActionFunctionArgs) {
  await allowPublic(request, "letter.verify");
  const formData = await readForm(request, { files: ["letterPdf"] });
  if (formData instanceof Response) return formData;
  const submission = parseWithZod(formData, { schema: letterFileSchema });
  if (submission.status !== "success") return json({ reply: submission.reply(), genuine: null }, { status: 400 });
  const { reference, code, letterPdf } = submission.value;
  const genuine = await isGenuineLetterFile(reference, code, new Uint8Array(await letterPdf.arrayBuffer()));
  return json({ reply: submission.reply(), genuine });
}

export default function VerifyLetter() {
  const { submission, letter, checked } = useLoaderData<typeof loader>();
  const fileCheck = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const f = useFormat();
  const [form, fields] = useForm({
    lastResult: submission,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: verificationSchema }),
    shouldValidate: "onBlur",
  });
  const [fileForm, fileFields] = useForm({
    id: "letter-file",
    lastResult: fileCheck && "reply" in fileCheck ? fileCheck.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: letterFileSchema }),
    shouldValidate: "onSubmit",
  });
  const genuine = fileCheck && "genuine" in fileCheck ? fileCheck.genuine : null;
  const checkedQuery = new URLSearchParams(
    Object.entries({ code: fields.code.initialValue, reference: fields.reference.initialValue }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t("verification.title")}</h1>
        <p>{t("verification.lead")}</p>
        <Form method="get" {...getFormProps(form)}>
          <TextField field={fields.code} label={t("verification.code")} hint={t("verification.codeHint")} />
          <TextField
            field={fields.reference}
            label={`${t("verification.reference")} ${t("common.optional")}`}
            hint={t("verification.referenceHint")}
          />
          <button type="submit" className="fr-btn">
            {t("verification.submit")}
          </button>
        </Form>
        {checked ? (
          letter ? (
            <>
              <div className="fr-alert fr-alert--success fr-mt-4w" role="status">
                <h2 className="fr-alert__title">{t("verification.found")}</h2>
                <dl className="fr-mt-2w">
                  <dt>{t("verification.reference")}</dt>
                  <dd>{letter.reference}</dd>
                  <dt>{t("verification.date")}</dt>
                  <dd>{f.date(letter.issuedAt)}</dd>
                  <dt>{t("verification.organization")}</dt>
                  <dd lang="fr">{letter.organization}</dd>
                  <dt>{t("verification.project")}</dt>
                  <dd lang="fr">{letter.projectTitle}</dd>
                  <dt>{t("verification.outcome")}</dt>
                  <dd>
                    <StatusBadge status={letter.outcome} />
                  </dd>
                  {letter.awardedCents !== null ? (
                    <>
                      <dt>{t("verification.amount")}</dt>
                      <dd>{f.euros(letter.awardedCents)}</dd>
                    </>
                  ) : null}
                </dl>
                <p className="fr-text--sm">{t("verification.compareHint")}</p>
              </div>
              <h2 className="fr-h4 fr-mt-4w">{t("verification.fileTitle")}</h2>
              <p>{t("verification.fileLead")}</p>
              {/* Posted to the page of this letter, so that its details stay shown beside the answer. */}
              <Form method="post" encType="multipart/form-data" action={`/verification?${checkedQuery}`} {...getFormProps(fileForm)}>
                <input type="hidden" name="code" value={fields.code.initialValue ?? ""} />
                {fields.reference.initialValue ? <input type="hidden" name="reference" value={fields.reference.initialValue} /> : null}
                <FileField field={fileFields.letterPdf} label={t("verification.file")} hint={t("verification.fileHint")} accept="application/pdf,.pdf" />
                <button type="submit" className="fr-btn fr-btn--secondary" disabled={busy}>
                  {t("verification.fileSubmit")}
                </button>
              </Form>
              {genuine !== null ? (
                <div className={`fr-alert ${genuine ? "fr-alert--success" : "fr-alert--error"} fr-mt-3w`} role="status">
                  <h3 className="fr-alert__title">{genuine ? t("verification.fileGenuine") : t("verification.fileNotGenuine")}</h3>
                </div>
              ) : null}
            </>
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
