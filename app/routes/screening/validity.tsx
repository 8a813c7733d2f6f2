import { useTranslation } from "~/i18n/react";
import { Form } from "react-router";
import { requireProgrammeRole } from "~/auth/guards.server";
import { DemoNotice, ScreeningNav } from "~/components/screening/view";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import { isOutcomeMeasure, OUTCOME_MEASURES } from "~/modules/screening/outcomes";
import { validityReport } from "~/modules/screening/screening.server";
import { MIN_FIRMS_TO_CONCLUDE } from "~/modules/screening/validity";
import "~/styles/screening.css";
import type { Route } from "./+types/validity";
import { PageTitle } from "~/components/page-title";

export async function loader(args: Route.LoaderArgs) {
  const { programmeId } = args.params;
  await requireProgrammeRole(args, programmeId, "manager");
  const param = new URL(args.request.url).searchParams.get("measure");
  const measure = isOutcomeMeasure(param) ? param : "sales";
  const [programme, report] = await Promise.all([
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true } }),
    validityReport(db, programmeId, measure),
  ]);
  return { programme, report, language: getLanguage(args.context) };
}


export default function ValidityPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, report, language } = loaderData;
  const corr = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
  const pct = new Intl.NumberFormat(language, { style: report.measure === "practiceScore" ? "decimal" : "percent", maximumFractionDigits: report.measure === "practiceScore" ? 2 : 0, signDisplay: "exceptZero" });
  const share = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  const total = report.predictors.find((p) => p.predictor === "total")!;
  return (
    <div className="stack screening-wide">
      <PageTitle>{t("accounts.titleOf", { what: t("screening.validity.title"), name: programme.name })}</PageTitle>
      <h1>
        {t("screening.validity.title")} · {programme.name}
      </h1>
      <ScreeningNav programmeId={programme.id} current="validity" />
      <DemoNotice demo={report.demo} />
      <p>{t("screening.validity.intro")}</p>
      <Form method="get" className="screening-filters card">
        <div className="field">
          <label htmlFor="measure">{t("screening.validity.measure")}</label>
          <select id="measure" name="measure" defaultValue={report.measure}>
            {OUTCOME_MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`screening.outcomes.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary">
          {t("screening.apply")}
        </button>
      </Form>
      <p>{t("calibration.validity.counts", { followed: report.followedUp, screened: report.screened, decided: report.decided })}</p>
      {report.followedUp < MIN_FIRMS_TO_CONCLUDE ? (
        <p role="note" className="notice">
          {t("calibration.validity.fewFollowed", { n: report.followedUp, min: MIN_FIRMS_TO_CONCLUDE })}
        </p>
      ) : null}
      {report.followedUp > 0 && report.fifthsCovered < 5 ? (
        <p role="note" className="notice">
          {t("calibration.validity.rangeRestricted", { covered: report.fifthsCovered })}
        </p>
      ) : null}
      {total.tooFewToConclude && total.n !== report.followedUp ? (
        <p role="note" className="notice">
          {t("screening.validity.tooFew", { n: total.n, min: MIN_FIRMS_TO_CONCLUDE })}
        </p>
      ) : null}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("screening.validity.title")}>
        <table className="screening-table">
          <caption className="visually-hidden">{t("screening.validity.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("screening.validity.predictor")}</th>
              <th scope="col" className="num">n</th>
              <th scope="col" className="num">{t("screening.validity.spearman")}</th>
              <th scope="col" className="num">{t("calibration.validity.interval")}</th>
              <th scope="col" className="num">{t("screening.validity.topGrowth")}</th>
              <th scope="col" className="num">{t("screening.validity.restGrowth")}</th>
              <th scope="col" className="num">{t("screening.validity.topGrew")}</th>
              <th scope="col" className="num">{t("screening.validity.restGrew")}</th>
            </tr>
          </thead>
          <tbody>
            {report.predictors.map((p) => (
              <tr key={p.predictor} className={p.predictor === "total" ? "strong" : undefined}>
                <th scope="row">
                  {p.predictor === "total" ? t("screening.validity.total") : t(`screening.components.${p.predictor}`)}
                  {p.predictor === "attendance" ? <div className="muted small">{t("screening.validity.attendanceAlone")}</div> : null}
                  {p.tooFewToConclude ? <div className="flag small">{t("screening.validity.tooFewShort")}</div> : null}
                </th>
                <td className="num">{p.n}</td>
                <td className="num">{p.spearman === null ? "—" : corr.format(p.spearman)}</td>
                <td className="num">{p.interval ? t("calibration.validity.intervalValue", { low: corr.format(p.interval[0]), high: corr.format(p.interval[1]) }) : "—"}</td>
                <td className="num">{p.topFifth ? pct.format(p.topFifth.topMeanGrowth) : "—"}</td>
                <td className="num">{p.topFifth ? pct.format(p.topFifth.restMeanGrowth) : "—"}</td>
                <td className="num">{p.topFifth ? share.format(p.topFifth.topShareGrew) : "—"}</td>
                <td className="num">{p.topFifth ? share.format(p.topFifth.restShareGrew) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("calibration.validity.scoreSource")}</p>
      <p className="muted">{t("screening.validity.howToRead")}</p>
      <section className="stack" aria-labelledby="by-decision-title">
        <h2 id="by-decision-title">{t("calibration.validity.decisionsTitle")}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="by-decision-title">
          <table className="screening-table">
            <thead>
              <tr>
                <th scope="col">{t("calibration.validity.group")}</th>
                <th scope="col" className="num">n</th>
                <th scope="col" className="num">{t("calibration.validity.meanGrowth")}</th>
                <th scope="col" className="num">{t("calibration.validity.grew")}</th>
              </tr>
            </thead>
            <tbody>
              {report.byDecision.map((g) => (
                <tr key={g.group}>
                  <th scope="row">{t(`calibration.validity.groups.${g.group}`)}</th>
                  <td className="num">{g.n}</td>
                  <td className="num">{g.meanGrowth === null ? "—" : pct.format(g.meanGrowth)}</td>
                  <td className="num">{g.shareGrew === null ? "—" : share.format(g.shareGrew)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
