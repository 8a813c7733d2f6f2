import { data } from "react-router";
import { requireProgrammeRole } from "~/auth/guards.server";
import { BalanceTable, ExperimentNav, FlowDiagram, useNumber } from "~/components/experiments/view";
import { PageTitle } from "~/components/page-title";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { experimentResults } from "~/modules/experiments/experiments.server";
import { verdictOf, type OutcomeKey } from "~/modules/experiments/analysis";
import type { Estimate } from "~/modules/experiments/estimators";
import "~/styles/experiments.css";
import type { Route } from "./+types/results";

export const handle: TextsHandle = { texts: ["experiments", "sectors"] };

export async function loader(args: Route.LoaderArgs) {
  const { programmeId } = args.params;
  await requireProgrammeRole(args, programmeId, "manager");
  const results = await experimentResults(db, programmeId);
  const page = { ...results, language: getLanguage(args.context) };
  // No experiment, not frozen, or no follow-up: the page says why, as a refused request.
  return results.refused ? data(page, { status: 400 }) : page;
}

export default function ExperimentResults({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, experiment, refused, analysis, flowRows, balance, exceptions, againstArm, language } = loaderData;
  const title = t("experiments.results.titleOf", { programme: programme.name });
  const arms = experiment?.arms ?? [];
  const armName = (id: string) => arms.find((a) => a.id === id)?.name ?? "";
  const points = useNumber(language, 1);
  const pFormat = useNumber(language, 3);
  const share = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  const scale = (o: OutcomeKey) => (o === "workersGrowth" ? 1 : 100);
  const value = (o: OutcomeKey, v: number | null | undefined) =>
    v === null || v === undefined ? "—" : t(o === "workersGrowth" ? "experiments.results.units.workers" : "experiments.results.units.points", { value: points(v * scale(o)) });
  const signed = (o: OutcomeKey, v: number) => value(o, Math.abs(v));
  const interval = (o: OutcomeKey, e: Estimate) => `${points(e.low * scale(o))} ${t("experiments.results.to")} ${points(e.high * scale(o))}`;
  const reading = (o: OutcomeKey, arm: string, e: Estimate, kind: "itt" | "gap") => {
    const params = { arm, outcome: t(`experiments.results.outcomes.${o}`), value: signed(o, e.estimate), low: points(e.low * scale(o)), high: points(e.high * scale(o)), n: e.n };
    const verdict = verdictOf(e);
    if (kind === "gap") return verdict === "tooWide" ? t("experiments.results.gapTooWide", params) : t(verdict === "higher" ? "experiments.results.gapHigher" : "experiments.results.gapLower", params);
    return verdict === "tooWide" ? t("experiments.results.readingTooWide", params) : t(verdict === "higher" ? "experiments.results.readingHigher" : "experiments.results.readingLower", params);
  };

  return (
    <div className="stack experiments-wide">
      <PageTitle>{title}</PageTitle>
      <h1>{title}</h1>
      <ExperimentNav programmeId={programme.id} current="results" frozen={experiment?.status === "frozen"} />
      {programme.isDemo ? (
        <p role="note" className="notice">
          {t("experiments.demoData")}
        </p>
      ) : null}
      {refused ? (
        <p role="alert" className="notice notice--error">
          {t(`experiments.refused.${refused}`)}
        </p>
      ) : null}

      {flowRows && experiment ? (
        <section className="stack" aria-labelledby="flow-title">
          <h2 id="flow-title">{t("experiments.results.flowTitle")}</h2>
          <div className="experiment-reading">
            <div className="flow-scroll">
              <FlowDiagram arms={arms} flow={flowRows} total={flowRows.reduce((s, f) => s + f.assigned, 0)} />
            </div>
            <ul className="experiment-plain plain-list">
              {flowRows.map((f) => (
                <li key={f.armId}>{t("experiments.results.flowReading", { arm: armName(f.armId), assigned: f.assigned, tookUp: f.tookUp, followedUp: f.followedUp, lost: f.lost })}</li>
              ))}
              <li>{t("experiments.results.tookUpMeans")}</li>
            </ul>
          </div>
        </section>
      ) : null}

      {balance && experiment ? <BalanceTable arms={arms} rows={balance} language={language} /> : null}

      {analysis ? (
        <section className="stack" aria-labelledby="effects-title">
          <h2 id="effects-title">{t("experiments.results.effectsTitle")}</h2>
          <p>{t("experiments.results.effectsIntro", { draws: analysis.draws })}</p>
          {analysis.effects.map((effect) => (
            <section key={effect.outcome} className="stack" aria-labelledby={`effect-${effect.outcome}`}>
              <h3 id={`effect-${effect.outcome}`}>{t(`experiments.results.outcomes.${effect.outcome}`)}</h3>
              <div className="experiment-reading">
                <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`effect-${effect.outcome}`}>
                  <table className="experiment-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("experiments.results.arm")}</th>
                        <th scope="col" className="exp-num">{t("experiments.results.difference")}</th>
                        <th scope="col" className="exp-num">{t("experiments.results.interval")}</th>
                        <th scope="col" className="exp-num">{t("experiments.results.pValue")}</th>
                        <th scope="col" className="exp-num">{t("experiments.results.takeUpDifference")}</th>
                        <th scope="col" className="exp-num">{t("experiments.results.onParticipants")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {effect.arms.map((a) => (
                        <tr key={a.armId}>
                          <th scope="row">{armName(a.armId)}</th>
                          <td className="exp-num">{a.itt ? points(a.itt.estimate * scale(effect.outcome)) : "—"}</td>
                          <td className="exp-num">{a.itt ? interval(effect.outcome, a.itt) : "—"}</td>
                          <td className="exp-num">{a.riPValue !== null && a.riPValue < 0.001 ? `< ${pFormat(0.001)}` : pFormat(a.riPValue)}</td>
                          <td className="exp-num">{a.takeUpDifference === null ? "—" : share.format(a.takeUpDifference)}</td>
                          <td className="exp-num">{a.onParticipants ? `${points(a.onParticipants.estimate * scale(effect.outcome))} (${interval(effect.outcome, a.onParticipants)})` : "—"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <p className="muted small">{t("experiments.results.tableNote", { n: effect.n, control: value(effect.outcome, effect.controlMean) })}</p>
                </div>
                <ul className="experiment-plain plain-list">
                  {effect.arms.map((a) => (
                    <li key={a.armId}>
                      {a.itt ? reading(effect.outcome, armName(a.armId), a.itt, "itt") : t("experiments.results.notEstimable", { arm: armName(a.armId) })}
                      {a.onParticipants ? ` ${t("experiments.results.participantsReading", { value: signed(effect.outcome, a.onParticipants.estimate), share: share.format(a.takeUpDifference ?? 0) })}` : ""}
                    </li>
                  ))}
                </ul>
              </div>
            </section>
          ))}
          <p className="muted">{t("experiments.results.onParticipantsNote")}</p>

          <section className="stack" aria-labelledby="heterogeneity-title">
            <h2 id="heterogeneity-title">{t("experiments.results.heterogeneityTitle")}</h2>
            <p>{t("experiments.results.heterogeneityIntro")}</p>
            {analysis.effects.map((effect) => (
              <section key={effect.outcome} className="stack" aria-labelledby={`het-${effect.outcome}`}>
                <h3 id={`het-${effect.outcome}`}>{t(`experiments.results.outcomes.${effect.outcome}`)}</h3>
                {effect.arms.every((a) => !a.heterogeneity) ? (
                  <p className="muted">{t("experiments.results.noBaselineScores")}</p>
                ) : (
                  <div className="experiment-reading">
                    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`het-${effect.outcome}`}>
                      <table className="experiment-table">
                        <thead>
                          <tr>
                            <th scope="col">{t("experiments.results.arm")}</th>
                            <th scope="col" className="exp-num">{t("experiments.results.below")}</th>
                            <th scope="col" className="exp-num">{t("experiments.results.above")}</th>
                            <th scope="col" className="exp-num">{t("experiments.results.gap")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {effect.arms.map((a) => (
                            <tr key={a.armId}>
                              <th scope="row">{armName(a.armId)}</th>
                              {a.heterogeneity ? (
                                (["below", "above", "difference"] as const).map((k) => (
                                  <td key={k} className="exp-num">
                                    {points(a.heterogeneity![k].estimate * scale(effect.outcome))}
                                    <br />
                                    <span className="muted small">{interval(effect.outcome, a.heterogeneity![k])}</span>
                                  </td>
                                ))
                              ) : (
                                <td colSpan={3} className="muted">
                                  —
                                </td>
                              )}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                    <ul className="experiment-plain plain-list">
                      {effect.arms.map((a) => (
                        <li key={a.armId}>{a.heterogeneity ? reading(effect.outcome, armName(a.armId), a.heterogeneity.difference, "gap") : t("experiments.results.notEstimable", { arm: armName(a.armId) })}</li>
                      ))}
                    </ul>
                  </div>
                )}
              </section>
            ))}
          </section>
        </section>
      ) : null}

      {experiment?.status === "frozen" ? (
        <section className="stack" aria-labelledby="deviations-title">
          <h2 id="deviations-title">{t("experiments.results.deviationsTitle")}</h2>
          <p>{exceptions.length === 0 ? t("experiments.results.noExceptions") : t("experiments.results.exceptionsCount", { count: exceptions.length })}</p>
          {exceptions.length > 0 ? (
            <ul className="plain-list">
              {exceptions.map((e, i) => (
                <li key={i}>{t("experiments.exceptionLine", { firm: e.firm.name, from: e.fromArm.name, to: e.toArm.name, reason: e.reason, date: new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(e.createdAt)) })}</li>
              ))}
            </ul>
          ) : null}
          <p>{againstArm.length === 0 ? t("experiments.results.noneAgainstArm") : t("experiments.results.againstArmCount", { count: againstArm.length })}</p>
          {againstArm.length > 0 ? (
            <ul className="plain-list">
              {againstArm.map((f) => (
                <li key={f.firmId}>
                  {t("experiments.results.againstArmLine", {
                    firm: f.name,
                    arm: armName(f.armId),
                    what: [f.classes ? t("experiments.results.gotClasses") : null, f.visits ? t("experiments.results.gotVisits") : null].filter(Boolean).join(", "),
                  })}
                  {f.confirmed > 0 ? ` · ${t("experiments.results.reasonRecorded")}` : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
