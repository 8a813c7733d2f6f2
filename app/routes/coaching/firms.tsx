import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import { Link, PrefetchPageLinks } from "react-router";
import { forbidden, requireUser } from "~/auth/guards.server";
import { getLanguage } from "~/i18n/i18next.server";
import { trainerFirms } from "~/modules/coaching/visits.server";
import { precachePages } from "~/offline/outbox";
import type { Route } from "./+types/firms";
import type { TextsHandle } from "~/i18n/texts";
import { PageTitle } from "~/components/page-title";

export const handle: TextsHandle = { texts: ["coaching"] };


export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const programmeIds = user.memberships.filter((m) => m.role === "trainer").map((m) => m.programmeId);
  if (programmeIds.length === 0) forbidden();
  return { cohorts: await trainerFirms(user.id, programmeIds), language: getLanguage(args.context) };
}

export default function CoachingFirms({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { cohorts, language } = loaderData;
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  const firstFirm = cohorts.flatMap((c) => c.firms)[0]?.id;

  // Opening this list keeps every firm's visit form on the phone for the day without network.
  const formUrls = cohorts.flatMap((c) => c.firms.map((f) => `/firms/${f.id}/visits/new`)).join(" ");
  useEffect(() => {
    // The worker keeps each form with the scripts, styles and texts it needs to start offline.
    if (formUrls) void precachePages(formUrls.split(" "));
  }, [formUrls]);

  return (
    <div className="stack">
      <PageTitle>{t("coaching.title")}</PageTitle>
      <h1>{t("coaching.title")}</h1>
      {/* Loads the visit form's code now (the service worker keeps it), while there is a network. */}
      {firstFirm ? <PrefetchPageLinks page={`/firms/${firstFirm}/visits/new`} /> : null}
      <p>{t("coaching.firmsIntro")}</p>
      {cohorts.every((c) => c.firms.length === 0) ? <p>{t("coaching.noFirms")}</p> : null}
      {cohorts.map((cohort) => (
        <section key={cohort.id} aria-labelledby={`cohort-${cohort.id}`} className="stack">
          <h2 id={`cohort-${cohort.id}`}>{cohort.name}</h2>
          <ul className="plain-list firm-list">
            {cohort.firms.map((firm) => (
              <li key={firm.id} className="card firm-list__item">
                <h3 className="firm-list__name">{firm.name}</h3>
                <p className="muted">
                  {t("coaching.visitCount", { count: firm.visits })} ·{" "}
                  {firm.lastVisit ? t("coaching.lastVisit", { date: dateFormat.format(new Date(firm.lastVisit)) }) : t("coaching.notVisited")}
                </p>
                <p className="firm-list__actions">
                  {/* A full page load: offline, the service worker answers it from the phone. */}
                  <Link to={`/firms/${firm.id}/visits/new`} reloadDocument className="button button--primary">
                    {t("coaching.newVisit")}
                  </Link>
                  <Link to={`/firms/${firm.id}/visits`} className="button">
                    {t("coaching.timeline")}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
