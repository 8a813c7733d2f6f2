import { useTranslation } from "~/i18n/react";
import { FieldErrorList } from "~/components/field";
import { data, Form } from "react-router";
import { requireProgrammeRole } from "~/auth/guards.server";
import { DemoNotice, ScreeningNav } from "~/components/screening/view";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import { readFormData } from "~/http/form.server";
import { checkValues, readOutcomeCsv, type RowError } from "~/modules/screening/outcomes";
import { planOutcomes, programmeFirmIndex, recordOutcomes } from "~/modules/screening/screening.server";
import "~/styles/screening.css";
import type { Route } from "./+types/outcomes";
import { PageTitle } from "~/components/page-title";

const MAX_FILE_BYTES = 2_000_000;
const FIELDS = ["date", "sales", "workers", "valueAdded", "practiceScore"] as const;

export async function loader(args: Route.LoaderArgs) {
  const { programmeId } = args.params;
  await requireProgrammeRole(args, programmeId, "manager");
  const [programme, index, recent, count] = await Promise.all([
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true, isDemo: true } }),
    programmeFirmIndex(db, programmeId),
    db.outcome.findMany({
      where: { programmeId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 20,
      select: { id: true, date: true, sales: true, workers: true, valueAdded: true, practiceScore: true, source: true, firm: { select: { name: true } } },
    }),
    db.outcome.count({ where: { programmeId } }),
  ]);
  return { programme, firms: index.firms, recent, count, language: getLanguage(args.context) };
}

type ActionData = {
  intent: "form" | "import";
  saved: number;
  /** Rows sent that were already there with these figures. */
  unchanged?: number;
  /** An import checked, nothing saved yet: what saving would do. */
  preview?: { added: number; changed: number; unchanged: number; csv: string } | null;
  fieldErrors: Record<string, string[]>;
  rowErrors: RowError[];
  values: Record<string, string>;
};

export async function action(args: Route.ActionArgs) {
  const { programmeId } = args.params;
  const { user } = await requireProgrammeRole(args, programmeId, "manager");
  const form = await readFormData(args.request);
  const index = await programmeFirmIndex(db, programmeId);
  const bad = (d: Omit<ActionData, "saved">) => data<ActionData>({ ...d, saved: 0 }, { status: 400 });
  const intent = String(form.get("intent"));
  if (intent === "import" || intent === "importConfirm") {
    const file = form.get("file");
    let text = String(form.get("csv") ?? "");
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_FILE_BYTES) return bad({ intent: "import", fieldErrors: { file: ["screening.outcomes.errors.fileTooLarge"] }, rowErrors: [], values: {} });
      text = await file.text();
    }
    const read = readOutcomeCsv(text, index.find);
    if (!read.ok) return bad({ intent: "import", fieldErrors: {}, rowErrors: [...read.errors], values: { csv: text.slice(0, 20_000) } });
    // First the counts (new, changing earlier figures, already there), then the save.
    if (intent === "import") {
      const plan = await planOutcomes(db, programmeId, read.rows);
      const preview = { added: plan.added.length, changed: plan.changed.length, unchanged: plan.unchanged, csv: text };
      return { intent: "import", saved: 0, preview, fieldErrors: {}, rowErrors: [], values: {} } satisfies ActionData;
    }
    const done = await recordOutcomes(db, { programmeId, userId: user.id, source: "import", rows: read.rows });
    return { intent: "import", saved: done.added + done.changed, unchanged: done.unchanged, fieldErrors: {}, rowErrors: [], values: {} } satisfies ActionData;
  }
  const values = Object.fromEntries(["firm", ...FIELDS].map((k) => [k, String(form.get(k) ?? "").slice(0, 100)]));
  const fieldErrors: Record<string, string[]> = {};
  const firmId = index.find(values.firm ?? "");
  if (!firmId) fieldErrors.firm = ["screening.outcomes.errors.unknownFirm"];
  const checked = checkValues(values as Record<(typeof FIELDS)[number], string>);
  for (const e of checked.errors) (fieldErrors[e.column] ??= []).push(`screening.outcomes.errors.${e.problem}`);
  if (!firmId || !checked.values) return bad({ intent: "form", fieldErrors, rowErrors: [], values });
  const done = await recordOutcomes(db, { programmeId, userId: user.id, source: "form", rows: [{ ...checked.values, firmId }] });
  return { intent: "form", saved: done.added + done.changed, unchanged: done.unchanged, fieldErrors: {}, rowErrors: [], values: {} } satisfies ActionData;
}


export default function OutcomesPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, firms, recent, count, language } = loaderData;
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  const formErrors: Record<string, string[] | undefined> = actionData?.intent === "form" ? actionData.fieldErrors : {};
  const formValues: Record<string, string | undefined> = actionData?.intent === "form" ? actionData.values : {};
  const input = (name: string, label: string, type: "date" | "text" = "text") => (
    <div className="field" key={name}>
      <label htmlFor={`outcome-${name}`}>{label}</label>
      <input
        id={`outcome-${name}`}
        name={name}
        type={type}
        inputMode={type === "text" ? "decimal" : undefined}
        defaultValue={formValues[name] ?? ""}
        aria-invalid={formErrors[name] ? true : undefined}
        aria-describedby={formErrors[name] ? `outcome-${name}-error` : undefined}
      />
      <FieldErrorList id={`outcome-${name}-error`} errors={formErrors[name]} />
    </div>
  );
  return (
    <div className="stack screening-wide">
      <PageTitle>{t("accounts.titleOf", { what: t("screening.outcomes.title"), name: programme.name })}</PageTitle>
      <h1>
        {t("screening.outcomes.title")} · {programme.name}
      </h1>
      <ScreeningNav programmeId={programme.id} current="outcomes" />
      <DemoNotice demo={programme.isDemo} />
      <p>{t("screening.outcomes.intro", { count })}</p>
      {actionData && actionData.saved > 0 ? (
        <p role="status" className="notice notice--success">
          {t("screening.outcomes.saved", { count: actionData.saved })}
        </p>
      ) : actionData && !actionData.preview && (actionData.unchanged ?? 0) > 0 ? (
        <p role="status" className="notice">
          {t("corrections.outcomes.nothingNew")}
        </p>
      ) : null}
      <section className="card stack" aria-labelledby="outcome-form-title">
        <h2 id="outcome-form-title">{t("screening.outcomes.formTitle")}</h2>
        <Form method="post" className="stack screening-grid">
          <input type="hidden" name="intent" value="form" />
          <div className="field">
            <label htmlFor="outcome-firm">{t("screening.firm")}</label>
            <select id="outcome-firm" name="firm" defaultValue={formValues.firm ?? ""} aria-invalid={formErrors.firm ? true : undefined}>
              <option value="">{t("screening.outcomes.chooseFirm")}</option>
              {firms.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
            {formErrors.firm ? (
              <ul className="field__errors">
                {formErrors.firm.map((e) => (
                  <li key={e}>{t(e as never)}</li>
                ))}
              </ul>
            ) : null}
          </div>
          {input("date", t("screening.outcomes.date"), "date")}
          {input("sales", t("screening.outcomes.sales"))}
          {input("workers", t("screening.outcomes.workers"))}
          {input("valueAdded", t("screening.outcomes.valueAdded"))}
          {input("practiceScore", t("screening.outcomes.practiceScore"))}
          <button type="submit" className="button button--primary">
            {t("screening.outcomes.save")}
          </button>
        </Form>
      </section>
      <section className="card stack" aria-labelledby="import-title">
        <h2 id="import-title">{t("screening.outcomes.importTitle")}</h2>
        <p>{t("screening.outcomes.importHelp")}</p>
        <pre className="code small">firm,date,sales,workers,value_added,practice_score</pre>
        {actionData?.intent === "import" && (actionData.rowErrors.length > 0 || Object.keys(actionData.fieldErrors).length > 0) ? (
          <div role="alert" className="form-errors">
            <p>{t("screening.outcomes.nothingWritten")}</p>
            <ul>
              {Object.values(actionData.fieldErrors).flat().map((e) => (
                <li key={e}>{t(e as never)}</li>
              ))}
              {actionData.rowErrors.slice(0, 50).map((e, i) => (
                <li key={i}>
                  {t("screening.outcomes.rowError", { line: e.line, column: e.column, value: e.value })}: {t(`screening.outcomes.errors.${e.problem}`)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {actionData?.preview ? (
          <Form method="post" className="card stack" role="status" data-testid="outcomes-preview">
            <p>{t("corrections.outcomes.checked")}</p>
            <ul>
              <li>{t("corrections.outcomes.added", { count: actionData.preview.added })}</li>
              <li>
                <strong>{t("corrections.outcomes.changed", { count: actionData.preview.changed })}</strong>
              </li>
              <li>{t("corrections.outcomes.unchanged", { count: actionData.preview.unchanged })}</li>
            </ul>
            <input type="hidden" name="intent" value="importConfirm" />
            <textarea name="csv" hidden readOnly aria-hidden="true" tabIndex={-1} defaultValue={actionData.preview.csv} />
            <button type="submit" className="button button--primary">
              {t("corrections.outcomes.confirm")}
            </button>
          </Form>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="import" />
          <div className="field">
            <label htmlFor="outcome-file">{t("screening.outcomes.file")}</label>
            <input id="outcome-file" name="file" type="file" accept=".csv,text/csv" />
          </div>
          <div className="field">
            <label htmlFor="outcome-csv">{t("screening.outcomes.paste")}</label>
            <textarea id="outcome-csv" name="csv" rows={6} defaultValue={actionData?.intent === "import" ? (actionData.values as Record<string, string | undefined>).csv : ""} />
          </div>
          <button type="submit" className="button button--primary">
            {t("screening.outcomes.import")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="recent-title" className="stack">
        <h2 id="recent-title">{t("screening.outcomes.recent")}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="recent-title">
          <table className="screening-table">
            <thead>
              <tr>
                <th scope="col">{t("screening.firm")}</th>
                <th scope="col">{t("screening.outcomes.date")}</th>
                <th scope="col" className="num">{t("screening.outcomes.sales")}</th>
                <th scope="col" className="num">{t("screening.outcomes.workers")}</th>
                <th scope="col" className="num">{t("screening.outcomes.valueAdded")}</th>
                <th scope="col" className="num">{t("screening.outcomes.practiceScore")}</th>
                <th scope="col">{t("screening.outcomes.source")}</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.firm.name}</th>
                  <td>{date.format(new Date(o.date))}</td>
                  <td className="num">{o.sales === null ? "—" : number.format(o.sales)}</td>
                  <td className="num">{o.workers ?? "—"}</td>
                  <td className="num">{o.valueAdded === null ? "—" : number.format(o.valueAdded)}</td>
                  <td className="num">{o.practiceScore === null ? "—" : number.format(o.practiceScore)}</td>
                  <td>{t(`screening.outcomes.sources.${o.source === "import" ? "import" : "form"}`)}</td>
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
