import { useTranslation } from "~/i18n/react";
import { Link } from "react-router";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { PracticeChart } from "~/components/coaching/practice-chart";
import { getLanguage } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
import { CHECKLIST_GROUPS } from "~/modules/coaching/checklist";
import { scoresInFormOrder } from "~/modules/coaching/checklist-order";
import { groupScores, practiceScore } from "~/modules/coaching/scoring";
import { firmAccess, firmTimeline } from "~/modules/coaching/visits.server";
import { canCorrectVisit } from "~/modules/coaching/visit-corrections.server";
import type { Route } from "./+types/timeline";
import type { TextsHandle } from "~/i18n/texts";
import { PageTitle } from "~/components/page-title";

export const handle: TextsHandle = { texts: ["coaching", "corrections.visit.correctLink", "corrections.visit.withdrawn"] };


export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const access = await firmAccess(user, args.params.firmId);
  if (!access.ok) return access.status === 404 ? notFound() : forbidden();
  const detected = getLanguage(args.context);
  const visits = (await firmTimeline(access.firm.id, access.programmeIds)).map((visit) => ({
    ...visit,
    // Coaches' notes are for the programme's staff; the owner sees scores and agreed actions.
    notes: access.role === "owner" ? "" : visit.notes,
    overall: practiceScore(visit.scores),
    groups: groupScores(visit.scores),
    canCorrect: canCorrectVisit(user, access.role, visit),
  }));
  return { firm: access.firm, role: access.role, visits, language: isLanguage(detected) ? detected : DEFAULT_LANGUAGE };
}

const percent = (v: number | null) => (v === null ? "–" : `${Math.round(v * 100)}%`);

export default function Timeline({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { firm, role, visits, language } = loaderData;
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
  // A withdrawn visit stays listed, marked, and counts in no figure: not in the chart, not as the baseline.
  const counted = visits.filter((v) => v.withdrawnAt === null);
  const baseline = counted.find((v) => v.overall !== null)?.overall ?? null;
  return (
    <div className="stack timeline">
      {role === "trainer" ? (
        <p>
          <Link to="/coaching">{t("coaching.backToFirms")}</Link>
        </p>
      ) : null}
      <PageTitle>{role === "owner" ? t("coaching.yourVisits") : t("coaching.timelineTitle", { firm: firm.name })}</PageTitle>
      <h1>{role === "owner" ? t("coaching.yourVisits") : t("coaching.timelineTitle", { firm: firm.name })}</h1>
      {role === "trainer" ? (
        <p>
          <Link to={`/firms/${firm.id}/visits/new`} reloadDocument className="button button--primary">
            {t("coaching.newVisit")}
          </Link>
        </p>
      ) : null}
      {visits.length === 0 ? <p>{t("coaching.noVisits")}</p> : <PracticeChart visits={counted} language={language} />}
      <ol className="plain-list stack">
        {visits.map((visit) => {
          const index = visit.withdrawnAt === null ? counted.indexOf(visit) : -1;
          return (
          <li key={visit.id} id={`visit-${visit.id}`} className={visit.withdrawnAt ? "card stack visit-card visit-card--withdrawn" : "card stack visit-card"}>
            <h2>
              {index >= 0 ? t("coaching.visitNumber", { number: index + 1 }) : null}
              {index === 0 ? <span className="badge">{t("coaching.baseline")}</span> : null}
            </h2>
            {visit.withdrawnAt ? <p className="notice">{t("corrections.visit.withdrawn", { reason: visit.withdrawReason ?? "" })}</p> : null}
            {visit.canCorrect ? (
              <p>
                <Link to={`/firms/${firm.id}/visits/${visit.id}/edit`}>{t("corrections.visit.correctLink")}</Link>
              </p>
            ) : null}
            <p className="muted">{t("coaching.visitMeta", { date: dateFormat.format(new Date(visit.date)), minutes: visit.durationMinutes, coach: visit.coach.name })}</p>
            <p className="visit-card__score">
              {t("coaching.practiceScore", { score: visit.overall === null ? "–" : Math.round(visit.overall * 100) })}
              {index > 0 && visit.overall !== null && baseline !== null ? (
                <span className="muted"> · {t("coaching.change", { change: formatChange(visit.overall - baseline) })}</span>
              ) : null}
            </p>
            <ul className="plain-list group-scores">
              {CHECKLIST_GROUPS.map((group) => (
                <li key={group.key}>
                  <span>{group.label[language]}</span>
                  <meter min={0} max={1} value={visit.groups[group.key] ?? 0} aria-label={group.label[language]} />
                  <span>{percent(visit.groups[group.key])}</span>
                </li>
              ))}
            </ul>
            <details>
              <summary>{t("coaching.itemsTitle")}</summary>
              {scoresInFormOrder(visit.scores).map(({ group, items }) => (
                <section key={group} className="item-group">
                  <h3 className="item-group__title">{CHECKLIST_GROUPS.find((g) => g.key === group)!.label[language]}</h3>
                  <ul className="plain-list item-scores">
                    {items.map(({ item, score }) => (
                      <li key={item.key}>
                        <span>{item.label[language]}</span> <strong>{t("coaching.itemScore", { value: score.value, max: item.max })}</strong>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </details>
            {visit.recordsMonthsSeen !== null ? <p>{t("coaching.recordsSeen", { count: visit.recordsMonthsSeen })}</p> : null}
            {visit.notes ? <p className="visit-card__notes">{visit.notes}</p> : null}
            <h3>{t("coaching.agreedActions")}</h3>
            {visit.actions.length === 0 ? (
              <p className="muted">{t("coaching.noActions")}</p>
            ) : (
              <ul className="action-list">
                {visit.actions.map((action) => (
                  <li key={action.id}>
                    {action.text} <span className={`outcome outcome--${action.outcome ?? "open"}`}>{t(`coaching.outcome.${(action.outcome ?? "open") as "done"}`)}</span>
                  </li>
                ))}
              </ul>
            )}
            {visit.photos.length > 0 ? (
              <>
                <h3>{t("coaching.photos")}</h3>
                <div className="photo-pair">
                  {visit.photos.map((photo) => (
                    <figure key={photo.id}>
                      <img
                        src={`/visit-photos/${photo.id}`}
                        width={photo.width}
                        height={photo.height}
                        loading="lazy"
                        alt={t("coaching.photoAlt", { kind: t(`coaching.${photo.kind as "before" | "after"}`), number: index + 1 })}
                      />
                      <figcaption>{t(`coaching.${photo.kind as "before" | "after"}`)}</figcaption>
                    </figure>
                  ))}
                </div>
              </>
            ) : null}
          </li>
          );
        })}
      </ol>
    </div>
  );
}

function formatChange(change: number): string {
  const points = Math.round(change * 100);
  return points > 0 ? `+${points}` : String(points);
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
