import { useTranslation } from "~/i18n/react";
import { Form, Link } from "react-router";
import { requireProgrammeRole } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import { ComponentCells, ComponentHeaders, DecisionText, DemoNotice, Distribution, ScreeningNav, useScoreFormat } from "~/components/screening/view";
import { histogram, matches, pageOf, readFilters } from "~/modules/screening/list";
import { isComparisonGroup, runScreening, standingDecisions } from "~/modules/screening/screening.server";
import "~/styles/screening.css";
import type { Route } from "./+types/list";
import { PageTitle } from "~/components/page-title";

export async function loader(args: Route.LoaderArgs) {
  const { programmeId } = args.params;
  await requireProgrammeRole(args, programmeId, "manager");
  const url = new URL(args.request.url);
  const groupParam = url.searchParams.get("group");
  const group = isComparisonGroup(groupParam) ? groupParam : "cohort";
  const filters = readFilters(url.searchParams);
  const [programme, run, decisions, cohorts] = await Promise.all([
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true, isDemo: true } }),
    runScreening(db, programmeId, group),
    standingDecisions(db, programmeId),
    db.cohort.findMany({ where: { programmeId }, select: { id: true, name: true }, orderBy: { startsOn: "asc" } }),
  ]);
  const facts = [...run.facts.values()];
  const clusters = [...new Map(facts.map((f) => [f.clusterId, { id: f.clusterId, name: f.clusterName }])).values()];
  const countries = [...new Set(facts.map((f) => f.country))].sort();
  const sectors = [...new Set(facts.map((f) => f.sector))].sort();
  const shown = run.results.filter((r) => matches(run.facts.get(r.firmId), filters));
  const { rows, page, pages } = pageOf(shown, url.searchParams.get("page"));
  const offset = (page - 1) * 50;
  return {
    programme,
    language: getLanguage(args.context),
    group,
    filters,
    options: { cohorts, clusters, countries, sectors },
    model: { version: run.model.version, weights: run.model.weights },
    chart: histogram(shown),
    total: shown.length,
    page,
    pages,
    query: url.searchParams.toString(),
    rows: rows.map((r, i) => {
      const f = run.facts.get(r.firmId)!;
      const d = decisions.get(r.firmId);
      return {
        position: offset + i + 1,
        firmId: r.firmId,
        name: f.name,
        cohortName: f.cohortName,
        total: r.total,
        percentile: r.percentile,
        rank: r.rank,
        groupSize: r.comparisonGroup.size,
        components: r.components,
        eligible: r.eligibility.eligible,
        reasons: r.eligibility.reasons,
        confidence: r.confidence.level,
        insufficient: r.confidence.insufficient,
        smallGroup: r.confidence.smallGroup,
        decision: d ? { decision: d.decision, againstRanking: d.againstRanking, modelVersion: d.modelVersion } : null,
      };
    }),
  };
}


export default function ScreeningList({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const d = loaderData;
  const score = useScoreFormat(d.language);
  const base = `/programmes/${d.programme.id}/screening`;
  const exportQuery = new URLSearchParams(d.query);
  exportQuery.delete("page");
  const pageLink = (page: number) => {
    const q = new URLSearchParams(d.query);
    q.set("page", String(page));
    return `?${q}`;
  };
  return (
    <div className="stack screening-wide">
      <PageTitle>{t("accounts.titleOf", { what: t("screening.title"), name: d.programme.name })}</PageTitle>
      <h1>
        {t("screening.title")} · {d.programme.name}
      </h1>
      <ScreeningNav programmeId={d.programme.id} current="list" />
      <p>
        <Link to={`/programmes/${d.programme.id}/screening/bulk`}>{t("bulk.selection.link")}</Link>
      </p>
      <DemoNotice demo={d.programme.isDemo} />
      <p>{t("screening.intro", { version: d.model.version })}</p>
      <Form method="get" className="screening-filters card" aria-label={t("screening.filters")}>
        <Select name="cohort" label={t("screening.cohort")} value={d.filters.cohortId} all={t("screening.all")} options={d.options.cohorts.map((c) => ({ value: c.id, label: c.name }))} />
        <Select name="cluster" label={t("screening.cluster")} value={d.filters.clusterId} all={t("screening.all")} options={d.options.clusters.map((c) => ({ value: c.id, label: c.name }))} />
        <Select
          name="country"
          label={t("screening.country")}
          value={d.filters.country}
          all={t("screening.all")}
          options={d.options.countries.map((c) => ({ value: c, label: t(`countries.${c}` as never, { defaultValue: c }) as string }))}
        />
        <Select
          name="sector"
          label={t("screening.sector")}
          value={d.filters.sector}
          all={t("screening.all")}
          options={d.options.sectors.map((s) => ({ value: s, label: t(`sectors.${s}` as never, { defaultValue: s }) as string }))}
        />
        <div className="field">
          <label htmlFor="group">{t("screening.group")}</label>
          <select id="group" name="group" defaultValue={d.group}>
            <option value="cohort">{t("screening.groupCohort")}</option>
            <option value="countrySector">{t("screening.groupCountrySector")}</option>
          </select>
        </div>
        <button type="submit" className="button button--primary">
          {t("screening.apply")}
        </button>
      </Form>
      <div className="button-row">
        <a className="button" href={`${base}/export?format=csv&${exportQuery}`} download>
          {t("screening.exportCsv")}
        </a>
        <a className="button" href={`${base}/export?format=xlsx&${exportQuery}`} download>
          {t("screening.exportXlsx")}
        </a>
        <a className="button" href={`${base}/export?format=csv&table=decisions`} download>
          {t("screening.exportDecisions")}
        </a>
      </div>
      <Distribution bands={d.chart.bands} unscored={d.chart.unscored} />
      <p role="status">{t("screening.shown", { count: d.total })}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("screening.listCaption")}>
        <table className="screening-table">
          <caption className="visually-hidden">{t("screening.listCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("screening.rank")}</th>
              <th scope="col">{t("screening.firm")}</th>
              <th scope="col" className="num">
                {t("screening.score")}
              </th>
              <ComponentHeaders />
              <th scope="col">{t("screening.eligibility")}</th>
              <th scope="col">{t("screening.confidence")}</th>
              <th scope="col">{t("screening.decision")}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.firmId}>
                <td className="num">{r.position}</td>
                <th scope="row">
                  <Link to={`${base}/firms/${r.firmId}?group=${d.group}`}>{r.name}</Link>
                  <div className="muted small">{r.cohortName}</div>
                </th>
                <td className="num strong">{score(r.total)}</td>
                <ComponentCells components={r.components} format={score} />
                <td>
                  {r.eligible ? t("screening.eligible") : t("screening.ineligible")}
                  {r.reasons.map((reason) => (
                    <div key={reason} className="muted small">
                      {t(`screening.reasons.${reason}`)}
                    </div>
                  ))}
                </td>
                <td>{r.confidence === "low" ? <span className="flag">{t("screening.lowConfidence")}</span> : t("screening.highConfidence")}</td>
                <td>{r.decision ? <DecisionText decision={r.decision.decision} against={r.decision.againstRanking} /> : <span className="muted">{t("screening.undecided")}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.pages > 1 ? (
        <nav className="button-row" aria-label={t("screening.pages")}>
          {d.page > 1 ? (
            <Link className="button" to={pageLink(d.page - 1)}>
              {t("screening.previous")}
            </Link>
          ) : null}
          <span>{t("screening.pageOf", { page: d.page, pages: d.pages })}</span>
          {d.page < d.pages ? (
            <Link className="button" to={pageLink(d.page + 1)}>
              {t("screening.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function Select({ name, label, value, all, options }: { name: string; label: string; value: string; all: string; options: { value: string; label: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
