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
      <p>{t("screening.validity.counts", { decided: report.decided, followed: report.followedUp })}</p>
      {total.tooFewToConclude ? (
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
                <td className="num">{p.topFifth ? pct.format(p.topFifth.topMeanGrowth) : "—"}</td>
                <td className="num">{p.topFifth ? pct.format(p.topFifth.restMeanGrowth) : "—"}</td>
                <td className="num">{p.topFifth ? share.format(p.topFifth.topShareGrew) : "—"}</td>
                <td className="num">{p.topFifth ? share.format(p.topFifth.restShareGrew) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("screening.validity.howToRead")}</p>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
