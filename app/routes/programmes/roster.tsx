import { readFormData } from "~/http/form.server";
import { useTranslation } from "~/i18n/react";
import { data, Form, Link, redirect } from "react-router";
import { requireProgrammeRole } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { MAX_BYTES, MAX_ROWS, REQUIRED_COLUMNS, ROSTER_COLUMNS, statusOf, type RosterChange, type RosterProblem, type RowStatus } from "~/modules/roster/roster-csv";
import { checkRosterFor, importRoster } from "~/modules/roster/roster-import.server";
import "~/styles/attendance.css";
import type { Route } from "./+types/roster";
import { PageTitle } from "~/components/page-title";


export async function loader(args: Route.LoaderArgs) {
  await requireProgrammeRole(args, args.params.programmeId, "manager");
  const programme = await db.programme.findUniqueOrThrow({ where: { id: args.params.programmeId }, select: { id: true, name: true } });
  return { programme };
}

type Preview = {
  firms: number;
  owners: number;
  counts: Record<RowStatus, number>;
  sample: { row: number; firmName: string; ownerName: string; ownerPhone: string; status: RowStatus; changes: RosterChange[] }[];
};
type Answer = { problems: RosterProblem[] | null; preview: Preview | null; csv: string };

async function csvFrom(form: FormData): Promise<string> {
  const file = form.get("file");
  if (file instanceof File && file.size > 0) return file.size > MAX_BYTES + 1 ? "x".repeat(MAX_BYTES + 1) : file.text();
  const text = form.get("csv");
  return typeof text === "string" ? text : "";
}

export async function action(args: Route.ActionArgs) {
  const { user } = await requireProgrammeRole(args, args.params.programmeId, "manager");
  const form = await readFormData(args.request);
  const csv = await csvFrom(form);
  const intent = form.get("intent");
  if (intent === "import") {
    const outcome = await importRoster(args.params.programmeId, csv, user.id);
    if (!outcome.ok) return data<Answer>({ problems: outcome.problems, preview: null, csv }, { status: 400 });
    throw redirect(`/programmes/${args.params.programmeId}/codes?imported=${outcome.owners}${outcome.changed > 0 ? `&updated=${outcome.changed}` : ""}`);
  }
  const checked = await checkRosterFor(args.params.programmeId, csv);
  if (!checked.ok) return data<Answer>({ problems: checked.problems.slice(0, 500), preview: null, csv: "" }, { status: 400 });
  const fresh = checked.rows.filter((r) => statusOf(r) === "new");
  const firms = new Set(fresh.map((r) => `${r.clusterId}:${r.firmName.toLowerCase()}`)).size;
  const counts: Record<RowStatus, number> = { new: 0, changed: 0, unchanged: 0 };
  for (const r of checked.rows) counts[statusOf(r)]++;
  // New and changed rows first: they are what the manager is about to save.
  const order: Record<RowStatus, number> = { new: 0, changed: 1, unchanged: 2 };
  const sample = [...checked.rows].sort((a, b) => order[statusOf(a)] - order[statusOf(b)] || a.row - b.row).slice(0, 50);
  return data<Answer>({
    problems: null,
    csv,
    preview: {
      firms,
      owners: fresh.length,
      counts,
      sample: sample.map((r) => ({ row: r.row, firmName: r.firmName, ownerName: r.ownerName, ownerPhone: `+${r.ownerPhone}`, status: statusOf(r), changes: r.existing?.changes ?? [] })),
    },
  });
}

export default function RosterImport({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme } = loaderData;
  const problems = actionData?.problems ?? null;
  const preview = actionData?.preview ?? null;
  return (
    <div className="stack">
      <p>
        <Link to={`/programmes/${programme.id}/setup`}>{t("roster.setupTitle")}</Link>
      </p>
      <PageTitle>{t("accounts.titleOf", { what: t("roster.importTitle"), name: programme.name })}</PageTitle>
      <h1>{t("roster.importTitle")}</h1>
      <p>{t("roster.importIntro", { max: MAX_ROWS })}</p>
      <details>
        <summary>{t("roster.columnsTitle")}</summary>
        <p className="code">{ROSTER_COLUMNS.join(",")}</p>
        <p>{t("roster.columnsRequired", { columns: REQUIRED_COLUMNS.join(", ") })}</p>
        <p>{t("roster.columnsHelp")}</p>
      </details>
      {problems ? (
        <section className="stack" aria-labelledby="problems-title">
          <h2 id="problems-title" role="alert" className="form-errors">
            {t("roster.problemsTitle", { count: problems.length })}
          </h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("roster.row")}</th>
                  <th scope="col">{t("roster.column")}</th>
                  <th scope="col">{t("roster.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.row ?? ""}</td>
                    <td className="code">{p.column ?? ""}</td>
                    <td>{String(t(p.code as never, p.params as never))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {preview ? (
        <section className="card stack" aria-labelledby="preview-title">
          <h2 id="preview-title">{t("roster.previewTitle")}</h2>
          <div role="status" className="notice notice--success">
            {preview.counts.changed + preview.counts.unchanged === 0 ? <p>{t("roster.previewSummary", { firms: preview.firms, owners: preview.owners })}</p> : null}
            <ul className="plain-list" data-testid="roster-counts">
              <li>{t("bulk.roster.new", { count: preview.counts.new })}</li>
              <li>{t("bulk.roster.changed", { count: preview.counts.changed })}</li>
              <li>{t("bulk.roster.unchanged", { count: preview.counts.unchanged })}</li>
            </ul>
          </div>
          {/* Focusable so that a keyboard can scroll the wide table on a phone. */}
          <div className="table-scroll" tabIndex={0} aria-labelledby="preview-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("roster.row")}</th>
                  <th scope="col">{t("bulk.roster.status")}</th>
                  <th scope="col">{t("attendance.firm")}</th>
                  <th scope="col">{t("attendance.name")}</th>
                  <th scope="col">{t("roster.phone")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((r) => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    <td>
                      {t(r.status === "new" ? "bulk.roster.statusNew" : r.status === "changed" ? "bulk.roster.statusChanged" : "bulk.roster.statusUnchanged")}
                      {r.changes.length > 0 ? (
                        <ul className="plain-list muted">
                          {r.changes.map((c) => (
                            <li key={c.field}>
                              {t("bulk.roster.change", { field: t(`bulk.roster.field.${c.field}`), before: c.before || t("bulk.roster.empty"), after: c.after })}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                    <td>{r.firmName}</td>
                    <td>{r.ownerName}</td>
                    <td className="code">{r.ownerPhone}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.counts.new + preview.counts.changed === 0 ? (
            <p>{t("bulk.roster.nothingToSave")}</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="csv" value={actionData?.csv ?? ""} />
              <button type="submit" name="intent" value="import" className="button button--primary">
                {preview.counts.changed === 0 ? t("roster.confirm", { count: preview.owners }) : t("bulk.roster.confirm", { new: preview.counts.new, changed: preview.counts.changed })}
              </button>
            </Form>
          )}
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card stack">
        <div className="field">
          <label htmlFor="roster-file">{t("roster.file")}</label>
          <input id="roster-file" type="file" name="file" accept=".csv,text/csv" />
        </div>
        <div className="field">
          <label htmlFor="roster-text">{t("roster.paste")}</label>
          <textarea id="roster-text" name="csv" rows={6} defaultValue="" />
        </div>
        <button type="submit" name="intent" value="preview" className="button button--primary">
          {t("roster.check")}
        </button>
      </Form>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
