import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { requireProgrammeRole } from "~/auth/guards.server";
import { FormErrors } from "~/components/field";
import { PageTitle } from "~/components/page-title";
import { CalibrationFigures, CalibrationWeights } from "~/components/screening/calibration";
import { DemoNotice, ScreeningNav } from "~/components/screening/view";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import { useTranslation } from "~/i18n/react";
import { readFormData } from "~/http/form.server";
import { MIN_FIRMS_TO_CALIBRATE } from "~/modules/screening/calibration";
import { adoptCalibration, calibrationCohorts, runCalibration } from "~/modules/screening/calibration.server";
import { CALIBRATION_MEASURES, isCalibrationMeasure } from "~/modules/screening/outcomes";
import "~/styles/screening.css";
import type { Route } from "./+types/calibration";

const AdoptSchema = z.object({
  fingerprint: z.string({ error: "form.required" }).regex(/^[0-9a-f]{32}$/, "calibration.dataChanged"),
  measure: z.enum(CALIBRATION_MEASURES, { error: "form.invalidChoice" }),
  cohort: z.array(z.string().max(64), { error: "calibration.problems.noCohorts" }).min(1, "calibration.problems.noCohorts").max(200),
});

function requestOf(url: URL) {
  const measureParam = url.searchParams.get("measure");
  return {
    cohortIds: url.searchParams.getAll("cohort").slice(0, 200),
    measure: isCalibrationMeasure(measureParam) ? measureParam : ("sales" as const),
    compute: url.searchParams.has("compute"),
  };
}

export async function loader(args: Route.LoaderArgs) {
  const { programmeId } = args.params;
  await requireProgrammeRole(args, programmeId, "manager");
  const url = new URL(args.request.url);
  const request = requestOf(url);
  const [programme, choice] = await Promise.all([
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true, isDemo: true } }),
    calibrationCohorts(db, programmeId),
  ]);
  const cohortIds = request.compute ? request.cohortIds : choice.defaults;
  const run = request.compute ? await runCalibration(db, programmeId, { cohortIds, measure: request.measure }) : null;
  return {
    programme,
    language: getLanguage(args.context),
    cohorts: choice.cohorts,
    chosen: cohortIds,
    measure: request.measure,
    minFirms: MIN_FIRMS_TO_CALIBRATE,
    run: run && (run.ok ? { ok: true as const, model: run.model, result: run.result, fingerprint: run.fingerprint } : run),
  };
}

export async function action(args: Route.ActionArgs) {
  const { programmeId } = args.params;
  const { user } = await requireProgrammeRole(args, programmeId, "manager");
  const form = await readFormData(args.request);
  const submission = parseWithZod(form, { schema: AdoptSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), version: null, changed: false }, { status: 400 });
  const { cohort, measure, fingerprint } = submission.value;
  const adopted = await adoptCalibration(db, { programmeId, userId: user.id, request: { cohortIds: cohort, measure }, fingerprint });
  if (!adopted.ok) {
    const problem = adopted.problem === "dataChanged" ? "calibration.dataChanged" : `calibration.problems.${adopted.problem}`;
    return data({ result: submission.reply({ formErrors: [problem] }), version: null, changed: adopted.problem === "dataChanged" }, { status: 400 });
  }
  return { result: submission.reply({ resetForm: true }), version: adopted.version, changed: false };
}

export default function CalibrationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, cohorts, chosen, measure, run, language, minFirms } = loaderData;
  const base = `/programmes/${programme.id}/screening`;
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
  const formErrors = actionData && actionData.version === null ? (actionData.result.error?.[""] ?? []) : [];
  return (
    <div className="stack screening-wide">
      <PageTitle>{t("calibration.pageTitle", { programme: programme.name })}</PageTitle>
      <h1>
        {t("calibration.title")} · {programme.name}
      </h1>
      <ScreeningNav programmeId={programme.id} current="model" />
      <DemoNotice demo={programme.isDemo} />
      <p>{t("calibration.intro")}</p>
      {actionData?.version ? (
        <div role="status" className="notice notice--success">
          <p>{t("calibration.adopted", { version: actionData.version })}</p>
          <p>
            <Link to={base}>{t("calibration.toList")}</Link>
          </p>
        </div>
      ) : null}
      {formErrors.length > 0 ? (
        <div className="stack">
          <FormErrors errors={formErrors} />
          {actionData?.changed ? (
            <Form method="get" action={`${base}/calibration`}>
              {chosen.map((c) => (
                <input key={c} type="hidden" name="cohort" value={c} />
              ))}
              <input type="hidden" name="measure" value={measure} />
              <button type="submit" name="compute" value="1" className="button button--primary">
                {t("calibration.computeAgain")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <Form method="get" className="card stack">
        <fieldset className="stack">
          <legend>{t("calibration.cohorts")}</legend>
          <p className="field__hint">{t("calibration.cohortsHint")}</p>
          {cohorts.length === 0 ? <p>{t("calibration.noCohortsYet")}</p> : null}
          {cohorts.map((c) => (
            <label key={c.id} className="checkbox">
              <input type="checkbox" name="cohort" value={c.id} defaultChecked={chosen.includes(c.id)} />
              <span>
                {c.name} · {c.programmeName} · {date.format(new Date(c.startsOn))}
                <span className="muted small"> · {t("calibration.cohortFollowed", { followed: c.withOutcomes, enrolled: c.enrolled })}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="measure">{t("calibration.measure")}</label>
          <select id="measure" name="measure" defaultValue={measure}>
            {CALIBRATION_MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`screening.outcomes.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" name="compute" value="1" className="button button--primary">
          {t("calibration.compute")}
        </button>
      </Form>
      {run && !run.ok ? (
        <p role="alert" className="notice">
          {t(`calibration.problems.${run.problem}`)}
        </p>
      ) : null}
      {run?.ok && !run.result.ok ? (
        <p role="alert" className="notice">
          {t("calibration.problems.tooFew", { n: run.result.n, min: minFirms })}
        </p>
      ) : null}
      {run?.ok && run.result.ok ? (
        <section className="stack" aria-labelledby="proposal-title">
          <h2 id="proposal-title">{t("calibration.resultTitle")}</h2>
          <p>{t("calibration.basedOn", { n: run.result.n, measure: t(`screening.outcomes.${measure}`) })}</p>
          <CalibrationWeights current={run.model} proposed={run.result.weights} agreement={run.result.agreement} language={language} />
          <CalibrationFigures figures={run.result.figures} language={language} />
          <Form method="post" className="card stack">
            {chosen.map((c) => (
              <input key={c} type="hidden" name="cohort" value={c} />
            ))}
            <input type="hidden" name="measure" value={measure} />
            <input type="hidden" name="fingerprint" value={run.fingerprint} />
            <p>{t("calibration.adoptExplain")}</p>
            <div className="actions">
              <button type="submit" className="button button--primary">
                {t("calibration.adopt", { version: run.model.version + 1 })}
              </button>{" "}
              <Link to={`${base}/model`} className="button">
                {t("calibration.keep")}
              </Link>
            </div>
          </Form>
        </section>
      ) : null}
      <p>
        <Link to={`${base}/model`}>← {t("calibration.backToModel")}</Link>
      </p>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
