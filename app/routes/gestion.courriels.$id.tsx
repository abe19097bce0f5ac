import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/ui/breadcrumb";
import { requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.email");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAllowed(request, "mailbox.read", null);
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
  return json({ message });
}

export default function MailboxMessage() {
  const { message } = useLoaderData<typeof loader>();
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
      <div className="laureat-mail">{message.textBody}</div>
    </>
  );
}
