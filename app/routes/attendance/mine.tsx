import { useTranslation } from "~/i18n/react";
import { requireUser } from "~/auth/guards.server";
import { getLanguage } from "~/i18n/i18next.server";
import { Percent } from "~/modules/attendance/figures-view";
import { ownRecord } from "~/modules/attendance/figures.server";
import { isBelowThreshold } from "~/modules/attendance/rates";
import "~/styles/attendance.css";
import type { Route } from "./+types/mine";
import type { TextsHandle } from "~/i18n/texts";
import { PageTitle } from "~/components/page-title";

export const handle: TextsHandle = { texts: ["attendance", "corrections.cancelled"] };


export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  return { records: await ownRecord(user.id), language: getLanguage(args.context) };
}

/** An owner's own attendance: each class, their mark, and the share that counts for eligibility. */
export default function MyAttendance({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { records, language } = loaderData;
  const day = new Intl.DateTimeFormat(language, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
  return (
    <div className="stack">
      <PageTitle>{t("attendance.mineTitle")}</PageTitle>
      <h1>{t("attendance.mineTitle")}</h1>
      {records.length === 0 ? <p>{t("attendance.mineNone")}</p> : null}
      {records.map((r) => (
        <section key={r.cohortId} className="stack" aria-labelledby={`c-${r.cohortId}`}>
          <h2 id={`c-${r.cohortId}`}>{r.cohortName}</h2>
          <p>
            {t("attendance.mineRate", { attended: r.rate.attended, counted: r.rate.counted })} <strong><Percent rate={r.rate.rate} /></strong>
          </p>
          {isBelowThreshold(r.rate, r.threshold) ? <p className="notice">{t("attendance.mineBelow", { threshold: Math.round(r.threshold * 100) })}</p> : null}
          <p className="muted">{t("attendance.rule")}</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("attendance.date")}</th>
                  <th scope="col">{t("attendance.venue")}</th>
                  <th scope="col">{t("attendance.mark")}</th>
                </tr>
              </thead>
              <tbody>
                {r.sessions.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {day.format(new Date(s.date))} {s.startTime}
                    </td>
                    <td>{s.venue}</td>
                    <td>{s.cancelled ? t("corrections.cancelled") : s.status ? t(`attendance.status.${s.status}`) : s.held ? t("attendance.status.absent") : t("attendance.notYet")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
