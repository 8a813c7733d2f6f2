import { randomUUID } from "node:crypto";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { requireProgrammeRole } from "~/auth/guards.server";
import { BalanceTable, ExperimentNav, MergeList } from "~/components/experiments/view";
import { FieldErrorList, FormErrors, SelectField, TextField } from "~/components/field";
import { PageTitle } from "~/components/page-title";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { readFormData } from "~/http/form.server";
import { STRATIFIERS } from "~/modules/experiments/assignment";
import { ARM_GETS, getsOf, parseStratifiers, type ArmInput } from "~/modules/experiments/arms";
import { assignLateFirms, experimentPage, freeze, recordException, saveDraft } from "~/modules/experiments/experiments.server";
import "~/styles/experiments.css";
import type { Route } from "./+types/setup";

const MAX_ARMS = 4;
const armName = z.string().trim().max(60, "form.tooLong").optional();
const armGets = z.enum(ARM_GETS, { error: "form.invalidChoice" });
const armRatio = z.number({ error: "experiments.errors.ratio" }).int("experiments.errors.ratio").min(1, "experiments.errors.ratio").max(9, "experiments.errors.ratio").optional();
const clientId = z.string({ error: "form.required" }).min(8, "form.required").max(80, "form.tooLong");
const Schemas = {
  draft: z
    .object({
      clientId,
      cohortId: z.string({ error: "form.required" }),
      stratifyBy: z.array(z.enum(STRATIFIERS, { error: "form.invalidChoice" })).optional(),
      ...Object.fromEntries(Array.from({ length: MAX_ARMS }, (_, i) => [[`arm${i}Name`, armName], [`arm${i}Gets`, armGets], [`arm${i}Ratio`, armRatio]]).flat()),
    } as { clientId: typeof clientId; cohortId: z.ZodString; stratifyBy: z.ZodOptional<z.ZodArray<z.ZodEnum<{ [K in (typeof STRATIFIERS)[number]]: K }>>> } & Record<string, z.ZodType>)
    .superRefine((value, ctx) => {
      const v = value as Record<string, unknown>;
      for (let i = 0; i < MAX_ARMS; i++) {
        if (v[`arm${i}Name`] && v[`arm${i}Ratio`] === undefined) ctx.addIssue({ code: "custom", path: [`arm${i}Ratio`], message: "experiments.errors.ratio" });
      }
    }),
  freeze: z.object({ confirm: z.literal("yes", { error: "experiments.errors.confirmFreeze" }) }),
  late: z.object({}),
  exception: z.object({
    clientId,
    firmId: z.string({ error: "form.required" }),
    toArmId: z.string({ error: "form.required" }),
    reason: z.string({ error: "experiments.errors.reason" }).trim().min(10, "experiments.errors.reason").max(500, "form.tooLong"),
  }),
};
type Intent = keyof typeof Schemas;
type ArmField = `arm${number}${"Name" | "Gets" | "Ratio"}`;
type DraftShape = { clientId: string; cohortId: string; stratifyBy: string[] } & Record<ArmField, string>;

export const handle: TextsHandle = { texts: ["experiments", "sectors", "form"] };

export async function loader(args: Route.LoaderArgs) {
  await requireProgrammeRole(args, args.params.programmeId, "manager");
  const page = await experimentPage(db, args.params.programmeId);
  return { ...page, clientId: randomUUID(), language: getLanguage(args.context) };
}

export async function action(args: Route.ActionArgs) {
  const { programmeId } = args.params;
  const { user } = await requireProgrammeRole(args, programmeId, "manager");
  const form = await readFormData(args.request);
  const intent = String(form.get("intent")) as Intent;
  const reply = <S extends z.ZodType>(schema: S) => parseWithZod(form, { schema });
  const refuse = (submission: ReturnType<typeof reply>, field: string, reason: string) =>
    data({ intent, result: submission.reply({ fieldErrors: { [field]: [`experiments.refused.${reason}`] } }), done: null as string | null, count: 0 }, { status: 400 });
  const invalid = (submission: ReturnType<typeof reply>) => data({ intent, result: submission.reply(), done: null as string | null, count: 0 }, { status: 400 });
  const ok = (submission: ReturnType<typeof reply>, done: string, count = 0) => data({ intent, result: submission.reply({ resetForm: true }), done: done as string | null, count });
  switch (intent) {
    case "draft": {
      const submission = reply(Schemas.draft);
      if (submission.status !== "success") return invalid(submission);
      const v = submission.value as Record<string, unknown> & { clientId: string; cohortId: string; stratifyBy?: string[] };
      const arms: ArmInput[] = [];
      for (let i = 0; i < MAX_ARMS; i++) {
        const name = v[`arm${i}Name`] as string | undefined;
        if (name) arms.push({ name, gets: v[`arm${i}Gets`] as ArmInput["gets"], ratio: v[`arm${i}Ratio`] as number });
      }
      const saved = await saveDraft(db, { programmeId, userId: user.id, clientId: v.clientId, cohortId: v.cohortId, arms, stratifyBy: parseStratifiers((v.stratifyBy ?? []).join(",")) });
      if (!saved.ok) return refuse(submission, saved.field === "arms" ? "" : saved.field, saved.reason);
      return data({ intent, result: submission.reply(), done: "draftSaved" as string | null, count: 0 });
    }
    case "freeze": {
      const submission = reply(Schemas.freeze);
      if (submission.status !== "success") return invalid(submission);
      const frozen = await freeze(db, { programmeId, userId: user.id });
      if (!frozen.ok) return refuse(submission, "", frozen.reason);
      return ok(submission, "frozenNow", frozen.assigned);
    }
    case "late": {
      const submission = reply(Schemas.late);
      const late = await assignLateFirms(db, { programmeId, userId: user.id });
      if (!late.ok) return refuse(submission, "", late.reason);
      return ok(submission, "lateAssigned", late.assigned);
    }
    case "exception": {
      const submission = reply(Schemas.exception);
      if (submission.status !== "success") return invalid(submission);
      const saved = await recordException(db, { programmeId, userId: user.id, ...submission.value });
      if (!saved.ok) return refuse(submission, saved.field, saved.reason);
      return ok(submission, "exceptionSaved");
    }
    default:
      return data({ intent, result: null, done: null as string | null, count: 0 }, { status: 400 });
  }
}

const DEFAULT_ARMS: { name: string; gets: ArmInput["gets"] }[] = [
  { name: "", gets: "classes" },
  { name: "", gets: "visits" },
  { name: "", gets: "both" },
  { name: "", gets: "none" },
];

export default function ExperimentSetup({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, cohorts, experiment, draft, frozen, language } = loaderData;
  const last = (intent: Intent) => (actionData?.intent === intent ? (actionData.result ?? undefined) : undefined);
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" });
  const armDefaults = Object.fromEntries(
    Array.from({ length: MAX_ARMS }, (_, i) => {
      const arm = experiment?.arms[i];
      const fallback = DEFAULT_ARMS[i]!;
      const name = arm?.name ?? (experiment ? "" : t(`experiments.defaultArm.${fallback.gets}`));
      return [
        [`arm${i}Name`, name],
        [`arm${i}Gets`, arm ? getsOf(arm) : fallback.gets],
        [`arm${i}Ratio`, String(arm?.ratio ?? 1)],
      ];
    }).flat(),
  );
  const [draftForm, draftFields] = useForm<DraftShape>({
    id: "draft",
    lastResult: last("draft"),
    shouldValidate: "onSubmit",
    defaultValue: { cohortId: experiment?.cohortId ?? "", stratifyBy: experiment ? parseStratifiers(experiment.stratifyBy) : ["cluster", "sector", "size"], ...armDefaults },
  });
  const [freezeForm, freezeFields] = useForm<z.input<typeof Schemas.freeze>>({ id: "freeze", lastResult: last("freeze"), shouldValidate: "onSubmit" });
  const [lateForm] = useForm({ id: "late", lastResult: last("late"), shouldValidate: "onSubmit" });
  const [exceptionForm, exceptionFields] = useForm<z.input<typeof Schemas.exception>>({ id: "exception", lastResult: last("exception"), shouldValidate: "onSubmit" });
  const fields = draftFields as unknown as Record<ArmField, Parameters<typeof TextField>[0]["meta"]>;
  const chosen = new Set(((draftFields.stratifyBy.initialValue as string[] | undefined) ?? []).map(String));
  const armName = (id: string) => experiment?.arms.find((a) => a.id === id)?.name ?? "";
  const title = t("experiments.titleOf", { programme: programme.name });
  const done = actionData?.done ?? null;

  return (
    <div className="stack experiments-wide">
      <PageTitle>{title}</PageTitle>
      <h1>{title}</h1>
      <ExperimentNav programmeId={programme.id} current="setup" frozen={experiment?.status === "frozen"} />
      {programme.isDemo ? (
        <p role="note" className="notice">
          {t("experiments.demoData")}
        </p>
      ) : null}
      <p>{t("experiments.intro")}</p>
      {done ? (
        <p role="status" className="notice notice--success">
          {done === "draftSaved" ? t("experiments.draftSaved") : done === "frozenNow" ? t("experiments.frozenNow", { count: actionData?.count ?? 0 }) : done === "lateAssigned" ? t("experiments.lateAssigned", { count: actionData?.count ?? 0 }) : t("experiments.exceptionSaved")}
        </p>
      ) : null}

      {experiment ? (
        <p className="muted">{t("experiments.seed", { seed: experiment.seed, date: date.format(new Date(experiment.createdAt)) })}</p>
      ) : null}

      {experiment?.status !== "frozen" ? (
        <Form method="post" {...getFormProps(draftForm)} className="card stack">
          <h2>{experiment ? t("experiments.editDraft") : t("experiments.setupTitle")}</h2>
          <FormErrors errors={draftForm.errors} />
          <input type="hidden" name="clientId" value={loaderData.clientId} />
          <SelectField
            label={t("experiments.cohort")}
            meta={draftFields.cohortId}
            placeholder={t("experiments.chooseCohort")}
            options={cohorts.map((c) => ({ value: c.id, label: `${c.name} · ${t("experiments.firmCount", { count: c.firms })}${c.begun ? ` · ${t("experiments.begun")}` : ""}` }))}
          />
          <fieldset className="stack">
            <legend>{t("experiments.arms")}</legend>
            <p className="field__hint">{t("experiments.armsHint")}</p>
            {Array.from({ length: MAX_ARMS }, (_, i) => (
              <div key={i} className="experiment-arm-row">
                <TextField label={t("experiments.armName", { number: i + 1 })} meta={fields[`arm${i}Name`]!} />
                <SelectField label={t("experiments.armGets")} meta={fields[`arm${i}Gets`]!} options={ARM_GETS.map((g) => ({ value: g, label: t(`experiments.gets.${g}`) }))} />
                <TextField label={t("experiments.ratio")} meta={fields[`arm${i}Ratio`]!} type="number" inputMode="numeric" />
              </div>
            ))}
          </fieldset>
          <fieldset className="stack">
            <legend>{t("experiments.stratifyBy")}</legend>
            <p className="field__hint">{t("experiments.stratifyHint")}</p>
            {STRATIFIERS.map((s) => (
              <label key={s} className="checkbox">
                <input type="checkbox" name="stratifyBy" value={s} defaultChecked={chosen.has(s)} /> {t(`experiments.stratifiers.${s}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" name="intent" value="draft" className="button button--primary">
            {experiment ? t("experiments.saveDraft") : t("experiments.createDraft")}
          </button>
        </Form>
      ) : null}

      {draft && experiment ? (
        <section className="stack" aria-labelledby="preview-title">
          <h2 id="preview-title">{t("experiments.previewTitle")}</h2>
          <p>{t("experiments.previewIntro", { count: draft.firms, strata: draft.strata, cohort: experiment.cohort.name })}</p>
          <ArmCounts arms={experiment.arms} perArm={draft.perArm} />
          <MergeList merges={draft.merges} />
          <BalanceTable arms={experiment.arms} rows={draft.balance} language={language} />
          <Form method="post" {...getFormProps(freezeForm)} className="card stack">
            <h3>{t("experiments.freezeTitle")}</h3>
            <p>{t("experiments.freezeHint")}</p>
            <FormErrors errors={freezeForm.errors} />
            {draft.begun ? (
              <p role="alert" className="notice notice--error">
                {t("experiments.refused.trainingBegun")}
              </p>
            ) : null}
            <label className="checkbox">
              <input type="checkbox" name="confirm" value="yes" aria-describedby={freezeFields.confirm.errorId} /> {t("experiments.freezeConfirm")}
            </label>
            <FieldErrorList id={freezeFields.confirm.errorId} errors={freezeFields.confirm.errors} />
            <button type="submit" name="intent" value="freeze" className="button button--primary">
              {t("experiments.freeze")}
            </button>
          </Form>
        </section>
      ) : null}

      {frozen && experiment ? (
        <>
          <section className="stack" aria-labelledby="assignment-title">
            <h2 id="assignment-title">{t("experiments.assignmentTitle")}</h2>
            <p>{t("experiments.frozen", { date: date.format(new Date(experiment.frozenAt!)), count: frozen.firms, strata: frozen.strata, cohort: experiment.cohort.name })}</p>
            <ArmCounts arms={experiment.arms} perArm={frozen.perArm} />
            <MergeList merges={frozen.merges} />
            <BalanceTable arms={experiment.arms} rows={frozen.balance} language={language} />
            <p className="button-row">
              <Link className="button button--primary" to={`/programmes/${programme.id}/experiment/results`}>
                {t("experiments.resultsLink")}
              </Link>
              <a className="button" href={`/programmes/${programme.id}/experiment/export`}>
                {t("experiments.exportCsv")}
              </a>
              <a className="button" href={`/programmes/${programme.id}/experiment/codebook`}>
                {t("experiments.codebook")}
              </a>
            </p>
          </section>
          <section className="card stack" aria-labelledby="late-title">
            <h2 id="late-title">{t("experiments.lateTitle")}</h2>
            <p>{frozen.late > 0 ? t("experiments.lateWaiting", { count: frozen.late }) : t("experiments.lateNone")}</p>
            {frozen.late > 0 ? (
              <Form method="post" {...getFormProps(lateForm)}>
                <FormErrors errors={lateForm.errors} />
                <button type="submit" name="intent" value="late" className="button">
                  {t("experiments.assignLate")}
                </button>
              </Form>
            ) : null}
          </section>
          <section className="card stack" aria-labelledby="exception-title">
            <h2 id="exception-title">{t("experiments.exceptionTitle")}</h2>
            <p className="field__hint">{t("experiments.exceptionHint")}</p>
            {frozen.exceptions.length > 0 ? (
              <ul className="plain-list">
                {frozen.exceptions.map((e) => (
                  <li key={e.id}>{t("experiments.exceptionLine", { firm: e.firm.name, from: e.fromArm.name, to: e.toArm.name, reason: e.reason, date: date.format(new Date(e.createdAt)) })}</li>
                ))}
              </ul>
            ) : null}
            <Form method="post" {...getFormProps(exceptionForm)} className="stack">
              <FormErrors errors={exceptionForm.errors} />
              <input type="hidden" name="clientId" value={loaderData.clientId} />
              <SelectField label={t("experiments.firm")} meta={exceptionFields.firmId} placeholder={t("experiments.chooseFirm")} options={frozen.assigned.map((f) => ({ value: f.id, label: `${f.name} · ${armName(f.armId)}` }))} />
              <SelectField label={t("experiments.toArm")} meta={exceptionFields.toArmId} placeholder="" options={experiment.arms.map((a) => ({ value: a.id, label: a.name }))} />
              <TextField label={t("experiments.reason")} meta={exceptionFields.reason} />
              <button type="submit" name="intent" value="exception" className="button">
                {t("experiments.recordException")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}

function ArmCounts({ arms, perArm }: { arms: { id: string; name: string; offersClasses: boolean; offersVisits: boolean; ratio: number }[]; perArm: { armId: string; firms: number; late?: number }[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {arms.map((a) => {
        const row = perArm.find((p) => p.armId === a.id);
        return (
          <li key={a.id}>
            <strong>{a.name}</strong> · {t(`experiments.gets.${getsOf(a)}`)} · {t("experiments.ratioOf", { ratio: a.ratio })} · {t("experiments.firmCount", { count: row?.firms ?? 0 })}
            {row?.late ? ` (${t("experiments.lateCount", { count: row.late })})` : ""}
          </li>
        );
      })}
    </ul>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
