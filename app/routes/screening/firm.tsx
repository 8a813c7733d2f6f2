import { useTranslation } from "~/i18n/react";
import { Fragment } from "react";
import { data, Form, Link } from "react-router";
import { requireProgrammeRole } from "~/auth/guards.server";
import { DecisionText, DemoNotice, usePercentileFormat, useScoreFormat } from "~/components/screening/view";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import type { Language } from "~/i18n/languages";
import { readFormData } from "~/http/form.server";
import { checklistItem } from "~/modules/coaching/checklist";
import { COMPONENT_KEYS } from "~/modules/screening/model";
import { decide, firmDecisions, isComparisonGroup, runScreening } from "~/modules/screening/screening.server";
import { DECISIONS, isDecision, type AgainstReason } from "~/modules/screening/selection";
import "~/styles/screening.css";
import type { Route } from "./+types/firm";
import { PageTitle } from "~/components/page-title";

const REASON_MAX = 1000;

export async function loader(args: Route.LoaderArgs) {
  const { programmeId, firmId } = args.params;
  await requireProgrammeRole(args, programmeId, "manager");
  const groupParam = new URL(args.request.url).searchParams.get("group");
  const group = isComparisonGroup(groupParam) ? groupParam : "cohort";
  const [programme, run, decisions] = await Promise.all([
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true, isDemo: true } }),
    runScreening(db, programmeId, group),
    firmDecisions(db, programmeId, firmId),
  ]);
  const result = run.results.find((r) => r.firmId === firmId);
  if (!result) throw data({ reason: "notFound" }, { status: 404 });
  const language = getLanguage(args.context);
  return {
    programme,
    language,
    group,
    modelVersion: run.model.version,
    firm: run.facts.get(firmId)!,
    counts: run.counts.get(firmId)!,
    result,
    improveNext: result.explanation.improveNext.map((s) => ({ ...s, label: checklistItem(s.itemKey)?.label[language as Language] ?? s.itemKey })),
    decisions,
  };
}

export async function action(args: Route.ActionArgs) {
  const { programmeId, firmId } = args.params;
  const { user } = await requireProgrammeRole(args, programmeId, "manager");
  const form = await readFormData(args.request);
  const decision = form.get("decision");
  const reason = String(form.get("reason") ?? "").slice(0, REASON_MAX + 1);
  const groupValue = form.get("group");
  const group = isComparisonGroup(groupValue) ? groupValue : "cohort";
  const fieldErrors: Record<string, string[]> = {};
  if (!isDecision(decision)) fieldErrors.decision = ["screening.select.decisionNeeded"];
  if (reason.length > REASON_MAX) fieldErrors.reason = ["screening.select.reasonTooLong"];
  if (Object.keys(fieldErrors).length > 0 || !isDecision(decision)) {
    return data({ ok: false as const, fieldErrors, against: [] as AgainstReason[], reason }, { status: 400 });
  }
  const outcome = await decide(db, { programmeId, firmId, decision, reason, userId: user.id, comparisonGroup: group });
  if (!outcome.ok && outcome.problem === "firmNotInProgramme") {
    return data({ ok: false as const, fieldErrors: { decision: ["screening.select.firmNotInProgramme"] }, against: [] as AgainstReason[], reason }, { status: 400 });
  }
  if (!outcome.ok) {
    return data({ ok: false as const, fieldErrors: { reason: ["screening.select.reasonNeeded"] }, against: outcome.againstRanking ?? [], reason }, { status: 400 });
  }
  return { ok: true as const, fieldErrors: {} as Record<string, string[]>, against: outcome.againstRanking, reason: "" };
}


export default function FirmBreakdown({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, firm, result, counts, decisions, group, language, modelVersion } = loaderData;
  const score = useScoreFormat(language);
  const percent = usePercentileFormat(language);
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });
  const errors: Record<string, string[] | undefined> = actionData && !actionData.ok ? actionData.fieldErrors : {};
  const base = `/programmes/${programme.id}/screening`;
  const evidence: Record<string, { text: string; to?: string }> = {
    attendance: {
      text: t("screening.evidence.sessions", { attended: counts.sessionsAttended, late: counts.sessionsLate, excused: counts.sessionsExcused, held: counts.sessionsHeld }),
      to: `/cohorts/${firm.cohortId}`,
    },
    knowledge: { text: t("screening.evidence.attempts", { count: counts.quizAttempts }), to: `/programmes/${programme.id}/learning` },
    practiceAdoption: { text: t("screening.evidence.visits", { count: counts.visits }), to: `/firms/${firm.id}/visits` },
    practiceImprovement: { text: t("screening.evidence.visits", { count: counts.visits }), to: `/firms/${firm.id}/visits` },
    followThrough: { text: t("screening.evidence.visits", { count: counts.visits }), to: `/firms/${firm.id}/visits` },
    recordsEvidence: { text: t("screening.evidence.visits", { count: counts.visits }), to: `/firms/${firm.id}/visits` },
  };
  return (
    <div className="stack screening-wide">
      <p>
        <Link to={`${base}?group=${group}`}>← {t("screening.backToList")}</Link>
      </p>
      <PageTitle>{t("accounts.titleOf", { what: t("screening.title"), name: firm.name })}</PageTitle>
      <h1>{firm.name}</h1>
      <DemoNotice demo={programme.isDemo} />
      <p className="muted">
        {firm.cohortName} · {firm.clusterName}
      </p>
      <section className="card stack" aria-labelledby="total-title">
        <h2 id="total-title">{t("screening.scoreTitle")}</h2>
        <p className="screening-total">
          <strong>{score(result.total)}</strong> / 100
        </p>
        {result.percentile !== null ? (
          <p>{t("screening.percentileText", { percentile: percent(result.percentile), rank: result.rank, size: result.comparisonGroup.size })}</p>
        ) : null}
        <p>
          {result.eligibility.eligible ? t("screening.eligible") : t("screening.ineligible")}
          {result.eligibility.reasons.map((r) => ` · ${t(`screening.reasons.${r}`)}`)}
        </p>
        {result.confidence.level === "low" ? (
          <p className="flag">
            {t("screening.lowConfidence")}:{" "}
            {[...result.confidence.insufficient.map((c) => t(`screening.components.${c}`)), ...(result.confidence.smallGroup ? [t("screening.smallGroup")] : [])].join(", ")}
          </p>
        ) : null}
        <p className="muted small">{t("screening.modelVersion", { version: modelVersion })}</p>
      </section>
      <section aria-labelledby="components-title" className="stack">
        <h2 id="components-title">{t("screening.breakdown")}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="components-title">
          <table className="screening-table">
            <thead>
              <tr>
                <th scope="col">{t("screening.component")}</th>
                <th scope="col" className="num">{t("screening.raw")}</th>
                <th scope="col" className="num">{t("screening.percentile")}</th>
                <th scope="col" className="num">{t("screening.weight")}</th>
                <th scope="col" className="num">{t("screening.contribution")}</th>
                <th scope="col">{t("screening.evidenceTitle")}</th>
              </tr>
            </thead>
            <tbody>
              {COMPONENT_KEYS.map((key) => {
                const c = result.components[key];
                const e = evidence[key]!;
                return (
                  <Fragment key={key}>
                    <tr>
                      <th scope="row">{t(`screening.components.${key}`)}</th>
                      <td className="num">{c.raw === null ? t("screening.noEvidence") : score(c.raw)}</td>
                      <td className="num">{score(c.standardised)}</td>
                      <td className="num">{Math.round(c.weight * 100)}%</td>
                      {/* No points for a missing component: nothing was observed; the next row says what it counted at and why. */}
                      <td className="num">{c.imputed ? "—" : score(c.contribution)}</td>
                      <td>{e.to ? <Link to={e.to}>{e.text}</Link> : e.text}</td>
                    </tr>
                    {c.imputed ? (
                      <tr>
                        <td colSpan={6} className="muted small">
                          {t(`screening.imputed.${c.imputed}`, { value: score(c.counted) })}
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="improve-title" className="stack">
        <h2 id="improve-title">{t("screening.improveNext")}</h2>
        {loaderData.improveNext.length === 0 ? (
          <p>{t("screening.improveNone")}</p>
        ) : (
          <ol>
            {loaderData.improveNext.map((s) => (
              <li key={s.itemKey}>{t("screening.improveItem", { item: s.label, value: s.value, max: s.max })}</li>
            ))}
          </ol>
        )}
      </section>
      <section className="card stack" aria-labelledby="decide-title">
        <h2 id="decide-title">{t("screening.select.title")}</h2>
        {actionData?.ok ? (
          <p role="status" className="notice notice--success">
            {t("screening.select.saved")}
          </p>
        ) : null}
        {actionData && !actionData.ok && actionData.against.length > 0 ? (
          <div role="alert" className="form-errors">
            <p>{t("screening.select.againstExplain")}</p>
            <ul>
              {actionData.against.map((a) => (
                <li key={a}>{t(`screening.against.${a}`)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="group" value={group} />
          <fieldset className="field">
            <legend>{t("screening.decision")}</legend>
            {DECISIONS.map((d) => (
              <label key={d} className="checkbox">
                <input type="radio" name="decision" value={d} defaultChecked={decisions[0]?.decision === d} aria-invalid={errors.decision ? true : undefined} />
                {t(`screening.decisions.${d}`)}
              </label>
            ))}
            {errors.decision ? (
              <ul className="field__errors">
                {errors.decision.map((e) => (
                  <li key={e}>{t(e as never)}</li>
                ))}
              </ul>
            ) : null}
          </fieldset>
          <div className="field">
            <label htmlFor="reason">{t("screening.select.reason")}</label>
            <p id="reason-hint" className="field__hint">
              {t("screening.select.reasonHint")}
            </p>
            <textarea
              id="reason"
              name="reason"
              rows={3}
              maxLength={REASON_MAX}
              defaultValue={actionData && !actionData.ok ? actionData.reason : ""}
              aria-describedby={errors.reason ? "reason-hint reason-error" : "reason-hint"}
              aria-invalid={errors.reason ? true : undefined}
            />
            {errors.reason ? (
              <ul id="reason-error" className="field__errors">
                {errors.reason.map((e) => (
                  <li key={e}>{t(e as never)}</li>
                ))}
              </ul>
            ) : null}
          </div>
          <button type="submit" className="button button--primary">
            {t("screening.select.save")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="history-title" className="stack">
        <h2 id="history-title">{t("screening.select.history")}</h2>
        {decisions.length === 0 ? (
          <p>{t("screening.undecided")}</p>
        ) : (
          <ul className="plain-list stack">
            {decisions.map((d) => (
              <li key={d.id}>
                <DecisionText decision={d.decision as (typeof DECISIONS)[number]} against={d.againstRanking} /> ·{" "}
                {t("screening.select.historyLine", { who: d.decidedByName, when: date.format(new Date(d.decidedAt)), version: d.modelVersion, score: score(d.total) })}
                {d.reason ? <div className="muted">“{d.reason}”</div> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
