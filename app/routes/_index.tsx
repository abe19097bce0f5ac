import { pageTitle } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useContentLang } from "~/ui/content-lang";
import { listPublicCalls } from "~/services/calls.server";
import { allowPublic } from "~/auth/permissions.server";
import { isCallOpen } from "~/domain/application-status";
import { useFormat } from "~/ui/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "titles.home");

export async function loader({ request }: LoaderFunctionArgs) {
  await allowPublic(request, "call.browse");
  const now = new Date();
  const calls = await listPublicCalls();
  return json({
    open: calls.filter((c) => isCallOpen(c, now)),
    others: calls.filter((c) => !isCallOpen(c, now)),
  });
}

type CallCard = ReturnType<typeof useLoaderData<typeof loader>>["open"][number];

function CallTile({ call, open }: { call: CallCard; open: boolean }) {
  const { t } = useTranslation();
  const lang = useContentLang();
  const f = useFormat();
  return (
    <div className="fr-card fr-enlarge-link">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h3 className="fr-card__title">
            <a href={`/appels/${call.slug}`} lang={lang}>
              {call.title}
            </a>
          </h3>
          <p className="fr-card__desc" lang={lang}>
            {call.summary}
          </p>
          <div className="fr-card__start">
            <ul className="fr-badges-group">
              <li>
                <p className={`fr-badge fr-badge--sm ${open ? "fr-badge--success" : ""}`}>
                  {open ? t("home.open") : t(call.status === "ANNOUNCED" ? "home.decided" : "home.closed")}
                </p>
              </li>
            </ul>
          </div>
          <div className="fr-card__end">
            <p className="fr-card__detail fr-icon-calendar-line">
              {open ? t("home.closesOn", { date: f.dateTime(call.closesAt) }) : t("home.closedOn", { date: f.date(call.closesAt) })}
            </p>
            <p className="fr-card__detail fr-icon-money-euro-circle-line">
              {t("home.envelope", { amount: f.euros(call.budgetCents) })}
            </p>
          </div>
        </div>
      </div>
    </div>
  );
}

export default function Home() {
  const { open, others } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="fr-text--lead">{t("home.lead")}</p>
      <h2>{t("home.openCalls")}</h2>
      {open.length === 0 ? (
        <p>{t("home.noOpenCall")}</p>
      ) : (
        <div className="fr-grid-row fr-grid-row--gutters">
          {open.map((call) => (
            <div className="fr-col-12 fr-col-md-6" key={call.id}>
              <CallTile call={call} open />
            </div>
          ))}
        </div>
      )}
      {others.length > 0 ? (
        <>
          <h2 className="fr-mt-6w">{t("home.pastCalls")}</h2>
          <div className="fr-grid-row fr-grid-row--gutters">
            {others.map((call) => (
              <div className="fr-col-12 fr-col-md-6" key={call.id}>
                <CallTile call={call} open={false} />
              </div>
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}
