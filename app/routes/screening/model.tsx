import { useTranslation } from "~/i18n/react";
import { FieldErrorList } from "~/components/field";
import { data, Form, Link } from "react-router";
import { requireProgrammeRole } from "~/auth/guards.server";
import { DemoNotice, ScreeningNav } from "~/components/screening/view";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import { readFormData } from "~/http/form.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { COMPONENT_KEYS, type ScreeningThresholds } from "~/modules/screening/model";
import { modelVersions, saveModelVersion } from "~/modules/screening/screening.server";
import "~/styles/screening.css";
import type { Route } from "./+types/model";
import { PageTitle } from "~/components/page-title";

const THRESHOLD_KEYS = [
  "attendanceEligibility",
  "minAttendanceSessions",
  "minQuizModules",
  "minChecklistItems",
  "minImprovementVisits",
  "minFollowThroughActions",
  "recordsMonthsCap",
  "minComparisonGroup",
] as const satisfies readonly (keyof ScreeningThresholds)[];

export async function loader(args: Route.LoaderArgs) {
  const { programmeId } = args.params;
  await requireProgrammeRole(args, programmeId, "manager");
  const [programme, versions] = await Promise.all([
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true, isDemo: true, showScreeningToOwners: true } }),
    modelVersions(db, programmeId),
  ]);
  return { programme, versions, language: getLanguage(args.context) };
}

/** A number as typed; anything else is NaN, which the model's schema reports as "not a number". */
function numberField(form: FormData, name: string): number {
  const text = String(form.get(name) ?? "").trim().replace(",", ".");
  return text === "" ? Number.NaN : Number(text);
}

export async function action(args: Route.ActionArgs) {
  const { programmeId } = args.params;
  const { user } = await requireProgrammeRole(args, programmeId, "manager");
  const form = await readFormData(args.request);
  if (form.get("intent") === "owners") {
    const show = form.get("showScreeningToOwners") === "on";
    await db.$transaction(async (tx) => {
      await tx.programme.update({ where: { id: programmeId }, data: { showScreeningToOwners: show } });
      await recordAudit(tx, { actorId: user.id, programmeId, action: "screening.owners", entity: "Programme", entityId: programmeId, after: { showScreeningToOwners: show } });
    });
    return { ok: true as const, saved: "owners" as const, errors: {} as Record<string, readonly string[]>, values: {} as Record<string, string> };
  }
  const weights = Object.fromEntries(COMPONENT_KEYS.map((k) => [k, numberField(form, `weights.${k}`)]));
  const thresholds = Object.fromEntries(
    THRESHOLD_KEYS.map((k) => [k, k === "attendanceEligibility" ? numberField(form, `thresholds.${k}`) / 100 : numberField(form, `thresholds.${k}`)]),
  );
  const values = Object.fromEntries([...form.entries()].filter(([k]) => k.startsWith("weights.") || k.startsWith("thresholds.")).map(([k, v]) => [k, String(v)]));
  const saved = await saveModelVersion(db, programmeId, user.id, { weights, thresholds });
  if (!saved.ok) return data({ ok: false as const, saved: null, errors: saved.errors, values }, { status: 400 });
  return { ok: true as const, saved: "model" as const, errors: {} as Record<string, readonly string[]>, values: {} as Record<string, string>, version: saved.model.version };
}


export default function ModelPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, versions, language } = loaderData;
  const current = versions[0]!.model;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });
  const field = (name: string, label: string, fallback: number, step: string) => {
    const fieldErrors = errors[name];
    const id = name.replace(".", "-");
    return (
      <div className="field" key={name}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          name={name}
          inputMode="decimal"
          defaultValue={values[name] ?? String(fallback)}
          step={step}
          aria-invalid={fieldErrors ? true : undefined}
          aria-describedby={fieldErrors ? `${id}-error` : undefined}
        />
        <FieldErrorList id={`${id}-error`} errors={fieldErrors} />
      </div>
    );
  };
  return (
    <div className="stack screening-wide">
      <PageTitle>{t("accounts.titleOf", { what: t("screening.model.title"), name: programme.name })}</PageTitle>
      <h1>
        {t("screening.model.title")} · {programme.name}
      </h1>
      <ScreeningNav programmeId={programme.id} current="model" />
      <DemoNotice demo={programme.isDemo} />
      <p>{t("screening.model.intro", { version: current.version })}</p>
      <p>
        <Link to={`/programmes/${programme.id}/screening/calibration`}>{t("calibration.link")}</Link>
      </p>
      {actionData?.saved === "model" ? (
        <p role="status" className="notice notice--success">
          {t("screening.model.saved", { version: current.version })}
        </p>
      ) : null}
      {actionData && !actionData.ok ? (
        <p role="alert" className="form-errors">
          {t("form.errorsAbove")}
        </p>
      ) : null}
      <Form method="post" className="stack card">
        <fieldset className="stack screening-grid">
          <legend>{t("screening.model.weights")}</legend>
          {errors.weights ? (
            <ul id="weights-error" className="field__errors">
              {errors.weights.map((e) => (
                <li key={e}>{t(e as never)}</li>
              ))}
            </ul>
          ) : null}
          {COMPONENT_KEYS.map((k) => field(`weights.${k}`, t(`screening.components.${k}`), current.weights[k], "0.01"))}
        </fieldset>
        <fieldset className="stack screening-grid">
          <legend>{t("screening.model.thresholds")}</legend>
          {THRESHOLD_KEYS.map((k) =>
            field(
              `thresholds.${k}`,
              t(`screening.model.threshold.${k}`),
              k === "attendanceEligibility" ? Math.round(current.thresholds[k] * 1000) / 10 : current.thresholds[k],
              "1",
            ),
          )}
        </fieldset>
        <button type="submit" className="button button--primary">
          {t("screening.model.save")}
        </button>
      </Form>
      <section className="card stack" aria-labelledby="owners-title">
        <h2 id="owners-title">{t("screening.model.ownersTitle")}</h2>
        {actionData?.saved === "owners" ? (
          <p role="status" className="notice notice--success">
            {t("screening.model.ownersSaved")}
          </p>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="owners" />
          <label className="checkbox">
            <input type="checkbox" name="showScreeningToOwners" defaultChecked={programme.showScreeningToOwners} />
            {t("screening.model.ownersLabel")}
          </label>
          <button type="submit" className="button">
            {t("screening.model.ownersSave")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="versions-title" className="stack">
        <h2 id="versions-title">{t("screening.model.versions")}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="versions-title">
          <table className="screening-table">
            <thead>
              <tr>
                <th scope="col">{t("screening.model.version")}</th>
                {COMPONENT_KEYS.map((k) => (
                  <th key={k} scope="col" className="num">
                    <abbr title={t(`screening.components.${k}`)}>{t(`screening.short.${k}`)}</abbr>
                  </th>
                ))}
                <th scope="col" className="num">{t("screening.model.threshold.attendanceEligibility")}</th>
                <th scope="col">{t("screening.model.createdBy")}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map(({ model, createdAt, createdByName }) => (
                <tr key={model.version}>
                  <th scope="row">{model.version}</th>
                  {COMPONENT_KEYS.map((k) => (
                    <td key={k} className="num">
                      {model.weights[k]}
                    </td>
                  ))}
                  <td className="num">{Math.round(model.thresholds.attendanceEligibility * 1000) / 10}%</td>
                  <td>{createdAt ? `${createdByName ?? ""} · ${date.format(new Date(createdAt))}` : t("screening.model.default")}</td>
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
