import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAllowed } from "~/auth/permissions.server";
import { prisma } from "~/db.server";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.mailbox");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAllowed(request, "mailbox.read", null);
  const messages = await prisma.emailMessage.findMany({
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, toAddress: true, subject: true, status: true, createdAt: true, transport: true, letterId: true },
  });
  return json({ messages });
}

export default function Mailbox() {
  const { messages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <h1>{t("mailbox.title")}</h1>
      <p>{t("mailbox.lead")}</p>
      {messages.length === 0 ? (
        <p>{t("mailbox.empty")}</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption className="fr-sr-only">{t("mailbox.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("mailbox.date")}</th>
                <th scope="col">{t("mailbox.to")}</th>
                <th scope="col">{t("mailbox.subject")}</th>
                <th scope="col">{t("mailbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{f.dateTime(m.createdAt)}</td>
                  <td>{m.toAddress}</td>
                  <td>
                    <a href={`/gestion/courriels/${m.id}`}>{m.subject}</a>
                    {m.letterId ? <span className="fr-icon-attachment-line fr-icon--sm" role="img" aria-label={t("mailbox.hasAttachment")} /> : null}
                  </td>
                  <td>{t(`mailbox.statuses.${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
