import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/ui/breadcrumb";
import { can, requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { useFormat } from "~/ui/format";
import { FormAlert } from "~/ui/fields";
import { readForm, replyWithDomainError } from "~/forms.server";
import { resendEmail } from "~/mail/outbox.server";
import { resendEmailSchema } from "~/schemas/mailbox";
import { redirectWithFlash } from "~/http/flash.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.email");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireAllowed(request, "mailbox.read", null);
  const message = await prisma.emailMessage.findUnique({
    where: { id: params.id ?? "" },
    select: {
      id: true,
      toAddress: true,
      subject: true,
      textBody: true,
      status: true,
      attempts: true,
      lastError: true,
      transport: true,
      createdAt: true,
      sentAt: true,
      letter: { select: { reference: true, applicationId: true } },
    },
  });
  if (!message) throw new Response("Not found", { status: 404 });
  return json({ message, canResend: message.status === "FAILED" && can(viewer, "mailbox.resend", null) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireAllowed(request, "mailbox.resend", null);
  const id = params.id ?? "";
  const formData = await readForm(request);
  if (formData instanceof Response) return formData;
  const submission = parseWithZod(formData, { schema: resendEmailSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  try {
    await resendEmail(viewer, id);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirectWithFlash(`/gestion/courriels/${id}`, { kind: "notice", key: "emailResent" });
}

export default function MailboxMessage() {
  const { message, canResend } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [resendForm] = useForm({ id: "resend", lastResult });
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <Breadcrumb trail={[{ href: "/gestion/courriels", label: t("nav.mailbox") }]} current={message.subject} />
      <h1 className="fr-h3">{message.subject}</h1>
      <ul className="fr-text--sm">
        <li>{t("mailbox.toLine", { to: message.toAddress })}</li>
        <li>{t("mailbox.createdLine", { date: f.dateTime(message.createdAt) })}</li>
        <li>
          {t("mailbox.statusLine", { status: t(`mailbox.statuses.${message.status}`), attempts: message.attempts })}
          {message.sentAt ? ` — ${f.dateTime(message.sentAt)}` : ""}
          {message.transport ? ` (${t(`mailbox.transports.${message.transport}`, { defaultValue: message.transport })})` : ""}
        </li>
        {message.lastError ? <li>{t("mailbox.errorLine", { error: message.lastError })}</li> : null}
        {message.letter ? (
          <li>
            {t("mailbox.attachmentLine")}{" "}
            <a href={`/dossiers/${message.letter.applicationId}/courrier`}>{message.letter.reference}.pdf</a>
          </li>
        ) : null}
      </ul>
      <FormAlert errors={resendForm.errors} />
      {canResend ? (
        <Form method="post" {...getFormProps(resendForm)} className="fr-mb-3w">
          <input type="hidden" name="intent" value="resend" />
          <button type="submit" className="fr-btn fr-btn--secondary fr-icon-refresh-line fr-btn--icon-left">
            {t("mailbox.resend")}
          </button>
        </Form>
      ) : null}
      <div className="laureat-mail">{message.textBody}</div>
    </>
  );
}
