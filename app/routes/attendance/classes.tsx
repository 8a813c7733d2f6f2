import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import { Link } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { getLanguage } from "~/i18n/i18next.server";
import { trainerSessions } from "~/modules/attendance/sessions.server";
import { precachePages } from "~/offline/outbox";
import "~/styles/attendance.css";
import type { Route } from "./+types/classes";
import type { TextsHandle } from "~/i18n/texts";
import { PageTitle } from "~/components/page-title";

export const handle: TextsHandle = { texts: ["attendance", "corrections.cancelledBecause"] };


export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  return { ...(await trainerSessions(user)), language: getLanguage(args.context) };
}

type Item = Awaited<ReturnType<typeof loader>>["today"][number];

function SessionList({ items, language }: { items: Item[]; language: string }) {
  const { t } = useTranslation();
  const day = new Intl.DateTimeFormat(language, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
  return (
    <ul className="session-list">
      {items.map((s) => (
        <li key={s.id}>
          <Link to={`/sessions/${s.id}`}>
            <span className="session-list__when">
              {day.format(new Date(s.date))} · {s.startTime}–{s.endTime}
            </span>
            <br />
            {s.cohort.name} · {s.venue}
            <br />
            <span className="muted">{s.cancelledAt ? t("corrections.cancelledBecause", { reason: s.cancelReason ?? "" }) : s._count.attendances > 0 ? t("attendance.marks", { count: s._count.attendances }) : t("attendance.notTaken")}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export default function Classes({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { today, upcoming, recent, cohorts, language } = loaderData;
  // Classrooms often have no signal: keep today's and the next rolls on the phone, ready to take offline.
  const soon = [...today, ...upcoming].slice(0, 6).map((s) => `/sessions/${s.id}`);
  const soonKey = soon.join(" ");
  useEffect(() => {
    if (soonKey) void precachePages(soonKey.split(" ")).catch(() => {});
  }, [soonKey]);
  return (
    <div className="stack">
      <PageTitle>{t("attendance.classesTitle")}</PageTitle>
      <h1>{t("attendance.classesTitle")}</h1>
      <section className="stack" aria-labelledby="today-title">
        <h2 id="today-title">{t("attendance.today")}</h2>
        {today.length === 0 ? <p>{t("attendance.nothingToday")}</p> : <SessionList items={today} language={language} />}
      </section>
      <section className="stack" aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("attendance.upcoming")}</h2>
        {upcoming.length === 0 ? <p>{t("attendance.nothingUpcoming")}</p> : <SessionList items={upcoming} language={language} />}
      </section>
      {recent.length > 0 ? (
        <section className="stack" aria-labelledby="recent-title">
          <h2 id="recent-title">{t("attendance.recent")}</h2>
          <SessionList items={recent} language={language} />
        </section>
      ) : null}
      <section className="stack" aria-labelledby="cohorts-title">
        <h2 id="cohorts-title">{t("attendance.yourCohorts")}</h2>
        {cohorts.length === 0 ? <p>{t("attendance.noCohorts")}</p> : null}
        <ul className="session-list">
          {cohorts.map((c) => (
            <li key={c.id}>
              <Link to={`/cohorts/${c.id}`}>
                <span className="session-list__when">{c.name}</span>
                <br />
                <span className="muted">{c.programmeName}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
