import { textField } from "~/http/input";
import { readFormData } from "~/http/form.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/react";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { requireProgrammeRole } from "~/auth/guards.server";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { LANGUAGE_CODES, LANGUAGES } from "~/i18n/languages";
import { personName } from "~/modules/people/account-fields";
import { parseIdentifier } from "~/auth/identifier";
import { normalisePhoneIn, phoneExample } from "~/modules/accounts/phone";
import { db } from "~/db/db.server";
import { formatInvitationCode } from "~/modules/people/invitation-code";
import { COUNTRIES, SECTORS } from "~/modules/programmes/countries";
import { addCluster, addCohort, addFirm, assignTrainer, setupPage } from "~/modules/roster/setup.server";
import "~/styles/attendance.css";
import type { Route } from "./+types/setup";
import { PageTitle } from "~/components/page-title";

const name = textField({ min: 2, max: 120 });
const day = z.string({ error: "form.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "attendance.badDate");
const thisYear = new Date().getUTCFullYear();
const Schemas = {
  cluster: z.object({ name, town: name, country: z.enum(COUNTRIES, { error: "form.invalidChoice" }), sector: z.enum(SECTORS, { error: "form.invalidChoice" }) }),
  cohort: z.object({ name, startsOn: day, trainerId: z.string().optional() }),
  trainer: z.object({ cohortId: z.string({ error: "form.required" }), trainerId: z.string({ error: "form.required" }) }),
  firm: z.object({
    name,
    sector: z.enum(SECTORS, { error: "form.invalidChoice" }),
    clusterId: z.string({ error: "form.required" }),
    cohortId: z.string({ error: "form.required" }),
    workers: z.number({ error: "setup.badNumber" }).int("setup.badNumber").min(0, "setup.badNumber").max(10_000, "setup.badNumber").optional(),
    foundedYear: z.number({ error: "setup.badYear" }).int("setup.badYear").min(1900, "setup.badYear").max(thisYear, "setup.badYear").optional(),
    ownerName: personName,
    // As people write it; the cluster's country completes a local number in the action.
    ownerPhone: z.string({ error: "form.required" }).trim().max(30, "form.tooLong").refine((value) => parseIdentifier(value).kind === "phone", "form.invalidPhone"),
    ownerLanguage: z.enum(LANGUAGE_CODES, { error: "form.invalidChoice" }),
  }),
};
type Intent = keyof typeof Schemas;

export async function loader(args: Route.LoaderArgs) {
  await requireProgrammeRole(args, args.params.programmeId, "manager");
  return setupPage(args.params.programmeId);
}

export async function action(args: Route.ActionArgs) {
  const { user } = await requireProgrammeRole(args, args.params.programmeId, "manager");
  const form = await readFormData(args.request);
  const intent = String(form.get("intent"));
  const programmeId = args.params.programmeId;
  const run = async <S extends z.ZodType>(schema: S, save: (value: z.output<S>) => Promise<{ ok: true; code?: string } | { ok: false; field: string; problem: string }>) => {
    const submission = parseWithZod(form, { schema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), done: null as string | null }, { status: 400 });
    const outcome = await save(submission.value);
    if (!outcome.ok) return data({ intent, result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.problem] } }), done: null as string | null }, { status: 400 });
    return data({ intent, result: submission.reply({ resetForm: true }), done: (outcome.code ? formatInvitationCode(outcome.code) : "") as string | null });
  };
  switch (intent) {
    case "cluster":
      return run(Schemas.cluster, (v) => addCluster(programmeId, user.id, v));
    case "cohort":
      return run(Schemas.cohort, (v) => addCohort(programmeId, user.id, { name: v.name, startsOn: new Date(`${v.startsOn}T00:00:00Z`), trainerId: v.trainerId || undefined }));
    case "trainer":
      return run(Schemas.trainer, (v) => assignTrainer(programmeId, user.id, v));
    case "firm":
      return run(Schemas.firm, async (v) => {
        const cluster = await db.cluster.findUnique({ where: { id: v.clusterId }, select: { country: true } });
        const ownerPhone = normalisePhoneIn(v.ownerPhone, cluster?.country ?? "");
        if (!ownerPhone) return { ok: false, field: "ownerPhone", problem: "form.invalidPhone" };
        return addFirm(programmeId, user.id, { ...v, ownerPhone });
      });
    default:
      return data({ intent, result: null, done: null as string | null }, { status: 400 });
  }
}

export default function Setup({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, cohorts, clusters, trainers, firms } = loaderData;
  const last = (intent: Intent) => (actionData?.intent === intent ? (actionData.result ?? undefined) : undefined);
  const [clusterForm, clusterFields] = useForm<z.input<typeof Schemas.cluster>>({ id: "cluster", lastResult: last("cluster"), shouldValidate: "onSubmit", defaultValue: { country: programme.country } });
  const [cohortForm, cohortFields] = useForm<z.input<typeof Schemas.cohort>>({ id: "cohort", lastResult: last("cohort"), shouldValidate: "onSubmit" });
  const [trainerForm, trainerFields] = useForm<z.input<typeof Schemas.trainer>>({ id: "trainer", lastResult: last("trainer"), shouldValidate: "onSubmit" });
  const [firmForm, firmFields] = useForm<z.input<typeof Schemas.firm>>({ id: "firm", lastResult: last("firm"), shouldValidate: "onSubmit", defaultValue: { ownerLanguage: "en" } });
  const sectorOptions = SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }));
  const cohortOptions = cohorts.map((c) => ({ value: c.id, label: c.name }));
  const trainerOptions = trainers.map((tr) => ({ value: tr.id, label: tr.name }));
  return (
    <div className="stack">
      <PageTitle>{t("accounts.titleOf", { what: t("roster.setupTitle"), name: programme.name })}</PageTitle>
      <h1>
        {t("roster.setupTitle")} · {programme.name}
      </h1>
      <p className="button-row">
        <Link className="button" to={`/programmes/${programme.id}/roster`}>
          {t("roster.importTitle")}
        </Link>
        <Link className="button" to={`/programmes/${programme.id}/codes`}>
          {t("roster.codesTitle")}
        </Link>
      </p>
      {actionData?.done !== null && actionData?.done !== undefined ? (
        <p role="status" className="notice notice--success">
          {actionData.done ? t("setup.firmAdded", { code: actionData.done }) : t("setup.saved")}
        </p>
      ) : null}

      <section className="stack" aria-labelledby="cohorts-title">
        <h2 id="cohorts-title">{t("setup.cohorts")}</h2>
        <ul className="session-list">
          {cohorts.map((c) => (
            <li key={c.id}>
              <Link to={`/cohorts/${c.id}`}>
                <span className="session-list__when">{c.name}</span>
                <br />
                {t("home.firms", { count: c._count.enrolments })} · {c.trainers.map((tr) => tr.user.name).join(", ") || t("setup.noTrainer")}
              </Link>
            </li>
          ))}
        </ul>
        <Form method="post" {...getFormProps(cohortForm)} className="card stack">
          <h3>{t("setup.addCohort")}</h3>
          <FormErrors errors={cohortForm.errors} />
          <TextField label={t("setup.name")} meta={cohortFields.name} />
          <TextField label={t("setup.startsOn")} meta={cohortFields.startsOn} type="date" />
          <SelectField label={t("attendance.trainer")} meta={cohortFields.trainerId} placeholder="" options={trainerOptions} />
          <button type="submit" name="intent" value="cohort" className="button button--primary">
            {t("setup.addCohort")}
          </button>
        </Form>
        <Form method="post" {...getFormProps(trainerForm)} className="card stack">
          <h3>{t("setup.assignTrainer")}</h3>
          <SelectField label={t("invitations.cohort")} meta={trainerFields.cohortId} placeholder="" options={cohortOptions} />
          <SelectField label={t("attendance.trainer")} meta={trainerFields.trainerId} placeholder="" options={trainerOptions} />
          <button type="submit" name="intent" value="trainer" className="button">
            {t("setup.assignTrainer")}
          </button>
        </Form>
      </section>

      <section className="stack" aria-labelledby="clusters-title">
        <h2 id="clusters-title">{t("setup.clusters")}</h2>
        <ul className="plain-list">
          {clusters.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong> · {c.town} · {t(`sectors.${c.sector as "other"}`)} · {t("home.firms", { count: c._count.firms })}
            </li>
          ))}
        </ul>
        <Form method="post" {...getFormProps(clusterForm)} className="card stack">
          <h3>{t("setup.addCluster")}</h3>
          <TextField label={t("setup.name")} meta={clusterFields.name} />
          <TextField label={t("setup.town")} meta={clusterFields.town} />
          <SelectField label={t("setup.country")} meta={clusterFields.country} options={COUNTRIES.map((c) => ({ value: c, label: t(`countries.${c}`) }))} />
          <SelectField label={t("setup.sector")} meta={clusterFields.sector} options={sectorOptions} />
          <button type="submit" name="intent" value="cluster" className="button">
            {t("setup.addCluster")}
          </button>
        </Form>
      </section>

      <section className="stack" aria-labelledby="firms-title">
        <h2 id="firms-title">{t("setup.firms")}</h2>
        <Form method="post" {...getFormProps(firmForm)} className="card stack">
          <h3>{t("setup.addFirm")}</h3>
          <TextField label={t("setup.firmName")} meta={firmFields.name} />
          <SelectField label={t("setup.sector")} meta={firmFields.sector} options={sectorOptions} />
          <SelectField label={t("setup.cluster")} meta={firmFields.clusterId} placeholder="" options={clusters.map((c) => ({ value: c.id, label: c.name }))} />
          <SelectField label={t("invitations.cohort")} meta={firmFields.cohortId} placeholder="" options={cohortOptions} />
          <TextField label={t("setup.workers")} meta={firmFields.workers} type="number" inputMode="numeric" />
          <TextField label={t("setup.foundedYear")} meta={firmFields.foundedYear} type="number" inputMode="numeric" />
          <TextField label={t("setup.ownerName")} meta={firmFields.ownerName} />
          <TextField label={t("setup.ownerPhone")} hint={t("accounts.joinPhoneHint", phoneExample(programme.country))} meta={firmFields.ownerPhone} type="tel" inputMode="tel" />
          <SelectField label={t("setup.ownerLanguage")} meta={firmFields.ownerLanguage} options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))} />
          <button type="submit" name="intent" value="firm" className="button button--primary">
            {t("setup.addFirm")}
          </button>
        </Form>
        <details>
          <summary>{t("setup.firmList", { count: firms.length })}</summary>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("setup.firmName")}</th>
                  <th scope="col">{t("setup.cluster")}</th>
                  <th scope="col">{t("setup.workers")}</th>
                  <th scope="col">{t("attendance.owners")}</th>
                </tr>
              </thead>
              <tbody>
                {firms.map((f) => (
                  <tr key={f.id}>
                    <td>
                      {f.name}
                      <br />
                      <span className="muted">{t(`sectors.${f.sector as "other"}`)}{f.foundedYear ? ` · ${f.foundedYear}` : ""}</span>
                    </td>
                    <td>{f.cluster.name}</td>
                    <td>{f.workers ?? ""}</td>
                    <td>{f.owners.map((o) => o.name).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
