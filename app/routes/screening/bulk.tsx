import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { requireProgrammeRole } from "~/auth/guards.server";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { PageTitle } from "~/components/page-title";
import { DemoNotice, useScoreFormat } from "~/components/screening/view";
import { db } from "~/db/db.server";
import { readFormData } from "~/http/form.server";
import { getLanguage } from "~/i18n/i18next.server";
import { useTranslation } from "~/i18n/react";
import { BULK_DECISIONS, BULK_MAX, groupKey, parseScope, scopeValue } from "~/modules/screening/bulk-selection";
import { decideTop } from "~/modules/screening/bulk-selection.server";
import "~/styles/screening.css";
import type { Route } from "./+types/bulk";

const schema = z.object({
  scope: z.string({ error: "form.required" }),
  count: z.number({ error: "form.required" }).int("setup.badNumber").min(1, "setup.badNumber").max(BULK_MAX, "setup.badNumber"),
  decision: z.enum(BULK_DECISIONS, { error: "form.invalidChoice" }),
  reason: z.string({ error: "form.required" }).trim().min(3, "form.tooShort").max(1000, "form.tooLong"),
});

/** The classes and the country-and-sector groups of the programme, as the choices of the form. */
async function scopes(programmeId: string) {
  const [cohorts, groups] = await Promise.all([
    db.cohort.findMany({ where: { programmeId }, select: { id: true, name: true }, orderBy: { startsOn: "asc" } }),
    db.firm.findMany({
      where: { enrolments: { some: { cohort: { programmeId } } } },
      distinct: ["clusterId", "sector"],
      select: { sector: true, cluster: { select: { country: true } } },
    }),
  ]);
  const pairs = [...new Map(groups.map((g) => [groupKey(g.cluster.country, g.sector), { country: g.cluster.country, sector: g.sector }])).entries()];
  return {
    cohorts: cohorts.map((c) => ({ value: scopeValue({ kind: "cohort", cohortId: c.id }), name: c.name })),
    groups: pairs.sort(([a], [b]) => a.localeCompare(b)).map(([key, g]) => ({ value: scopeValue({ kind: "group", key }), ...g })),
  };
}

export async function loader(args: Route.LoaderArgs) {
  const { programmeId } = args.params;
  await requireProgrammeRole(args, programmeId, "manager");
  const [programme, choices] = await Promise.all([
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true, isDemo: true } }),
    scopes(programmeId),
  ]);
  return { programme, choices, language: getLanguage(args.context) };
}

export async function action(args: Route.ActionArgs) {
  const { programmeId } = args.params;
  const { user } = await requireProgrammeRole(args, programmeId, "manager");
  const submission = parseWithZod(await readFormData(args.request), { schema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  const { scope: scopeText, count, decision, reason } = submission.value;
  const choices = await scopes(programmeId);
  const scope = parseScope(scopeText);
  // Only a class or group of this programme: a hand-made value never reaches another programme.
  if (!scope || ![...choices.cohorts, ...choices.groups].some((c) => c.value === scopeText)) {
    return data({ result: submission.reply({ fieldErrors: { scope: ["bulk.selection.badScope"] } }), done: null }, { status: 400 });
  }
  const outcome = await decideTop(db, { programmeId, scope, count, decision, reason, userId: user.id });
  if (!outcome.ok) return data({ result: submission.reply({ formErrors: ["bulk.selection.empty"] }), done: null }, { status: 400 });
  const names = new Map(
    (await db.firm.findMany({ where: { id: { in: outcome.decided.map((d) => d.firmId) } }, select: { id: true, name: true } })).map((f) => [f.id, f.name]),
  );
  return data({
    result: submission.reply({ resetForm: true }),
    done: {
      decision,
      count,
      skipped: outcome.skipped,
      firms: outcome.decided.map((d) => ({ ...d, name: names.get(d.firmId) ?? "" })),
    },
  });
}

export default function BulkSelection({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, choices, language } = loaderData;
  const score = useScoreFormat(language);
  const [form, fields] = useForm<z.input<typeof schema>>({
    id: "bulk-selection",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    // After a save the form starts again from these: the first class, the top 10, selected.
    defaultValue: { scope: choices.cohorts[0]?.value ?? choices.groups[0]?.value ?? "", count: "10", decision: "selected" },
  });
  const done = actionData?.done ?? null;
  const base = `/programmes/${programme.id}/screening`;
  const options = [
    ...choices.cohorts.map((c) => ({ value: c.value, label: t("bulk.selection.scopeCohort", { name: c.name }) })),
    ...choices.groups.map((g) => ({
      value: g.value,
      label: t("bulk.selection.scopeGroup", { name: `${t(`countries.${g.country}` as never)} · ${t(`sectors.${g.sector}` as never)}` }),
    })),
  ];
  const taken = done ? done.firms.length + done.skipped : 0;
  return (
    <div className="stack">
      <PageTitle>{`${t("bulk.selection.title")}: ${programme.name}`}</PageTitle>
      <DemoNotice demo={programme.isDemo} />
      <h1>{t("bulk.selection.title")}</h1>
      <p>
        <Link to={base}>{t("screening.nav.list")}</Link>
      </p>
      <p>{t("bulk.selection.intro")}</p>
      {done ? (
        <section role="status" className="notice notice--success stack" aria-labelledby="bulk-done">
          <h2 id="bulk-done">{t("bulk.selection.saved", { count: done.firms.length, decision: t(`screening.decisions.${done.decision}`) })}</h2>
          {done.skipped > 0 ? <p>{t("bulk.selection.skipped", { count: done.skipped })}</p> : null}
          {taken < done.count ? <p>{t("bulk.selection.fewer", { count: taken })}</p> : null}
          {done.firms.length > 0 ? (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("bulk.selection.rank")}
                    </th>
                    <th scope="col">{t("bulk.selection.firm")}</th>
                    <th scope="col" className="num">
                      {t("bulk.selection.score")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {done.firms.map((f) => (
                    <tr key={f.firmId}>
                      <td className="num">{f.rank ?? "–"}</td>
                      <td>
                        <Link to={`${base}/firms/${f.firmId}`}>{f.name}</Link>
                        {f.againstRanking ? <span className="muted"> · {t("bulk.selection.againstRanking")}</span> : null}
                      </td>
                      <td className="num">{score(f.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card stack">
        <FormErrors errors={form.errors} />
        <SelectField label={t("bulk.selection.scope")} meta={fields.scope} options={options} />
        <TextField label={t("bulk.selection.count")} meta={fields.count} type="number" inputMode="numeric" />
        <SelectField
          label={t("bulk.selection.decision")}
          meta={fields.decision}
          options={BULK_DECISIONS.map((d) => ({ value: d, label: t(`screening.decisions.${d}`) }))}
        />
        <TextField label={t("bulk.selection.reason")} hint={t("bulk.selection.reasonHint")} meta={fields.reason} />
        <button type="submit" className="button button--primary">
          {t("bulk.selection.submit")}
        </button>
      </Form>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
