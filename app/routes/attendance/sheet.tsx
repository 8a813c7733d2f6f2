import { useTranslation } from "~/i18n/react";
import { Link } from "react-router";
import { getLanguage } from "~/i18n/i18next.server";
import { requireSessionStaff } from "~/modules/attendance/access.server";
import { cohortRoster } from "~/modules/attendance/roll-call.server";
import "~/styles/attendance.css";
import "~/styles/paper.css";
import type { Route } from "./+types/sheet";
import { PageTitle } from "~/components/page-title";


export async function loader(args: Route.LoaderArgs) {
  const { session, cohort } = await requireSessionStaff(args, args.params.sessionId);
  return { session, cohort, people: await cohortRoster(session.cohortId), language: getLanguage(args.context) };
}

/** A paper attendance sheet to print when there is no phone or no signal: names, firm, signature. */
export default function Sheet({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { session, cohort, people, language } = loaderData;
  const day = new Intl.DateTimeFormat(language, { dateStyle: "full", timeZone: "UTC" }).format(new Date(session.date));
  return (
    <div className="stack sheet">
      <p className="no-print button-row">
        <Link to={`/sessions/${session.id}`}>{t("attendance.rollCallTitle")}</Link>
        <Link to={`/sessions/${session.id}?paper=1`}>{t("attendance.paperTitle")}</Link>
      </p>
      <PageTitle>{t("accounts.titleOf", { what: t("attendance.sheetTitle"), name: `${cohort.name}, ${new Intl.DateTimeFormat(language, { day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(session.date))}` })}</PageTitle>
      <h1>{t("attendance.sheetTitle")}</h1>
      <p>
        {cohort.name} · {day} · {session.startTime}–{session.endTime} · {session.venue}
        {session.trainerName ? ` · ${session.trainerName}` : ""}
      </p>
      <p className="no-print">{t("attendance.sheetIntro")}</p>
      <p>{t("bulk.paper.tick")}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("attendance.name")}</th>
              <th scope="col">{t("attendance.firm")}</th>
              <th scope="col" className="sheet__tick">{t("attendance.status.present")}</th>
              <th scope="col" className="sheet__tick">{t("attendance.status.late")}</th>
              <th scope="col" className="sheet__tick">{t("attendance.status.excused")}</th>
              <th scope="col">{t("attendance.signature")}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p, i) => (
              <tr key={p.id}>
                <td>{i + 1}</td>
                <td>{p.name}</td>
                <td>{p.firmName}</td>
                <TickCells />
                <td className="sheet__sign" />
              </tr>
            ))}
            {WALK_IN_ROWS.map((n) => (
              <tr key={`walk-in-${n}`} className="sheet__walk-in">
                <td>{people.length + n}</td>
                <td colSpan={2} className="muted">
                  {n === 1 ? t("bulk.paper.walkIn") : ""}
                </td>
                <TickCells />
                <td className="sheet__sign" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Rows for people who come without being on the roster, written in by hand. */
const WALK_IN_ROWS = [1, 2, 3, 4, 5];

/** Empty boxes to tick on paper: present, late, excused (no tick is absent). */
function TickCells() {
  return (
    <>
      <td className="sheet__tick" />
      <td className="sheet__tick" />
      <td className="sheet__tick" />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
