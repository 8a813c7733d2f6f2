import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { ReasonForm } from "~/components/corrections/reason-form";
import { PageTitle } from "~/components/page-title";
import { readFormData } from "~/http/form.server";
import { getLanguage } from "~/i18n/i18next.server";
import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { requireSessionStaff } from "~/modules/attendance/access.server";
import { cancelSession, correctSession, deleteSession, sessionForCorrection, type CorrectionResult } from "~/modules/attendance/corrections.server";
import { listOf, sessionFields } from "~/modules/attendance/session-form";
import { cohortTrainers, moduleChoices } from "~/modules/attendance/sessions.server";
import "~/styles/attendance.css";
import type { Route } from "./+types/session-edit";

export const handle: TextsHandle = { texts: ["attendance", "corrections", "form"] };

const version = z.number({ error: "form.required" }).int().min(0);
const Schemas = {
  change: z.object({ ...sessionFields, version }),
  cancel: z.object({ version, reason: z.string({ error: "form.required" }).trim().min(3, "form.tooShort").max(300, "form.tooLong") }),
  delete: z.object({ version }),
};
type Intent = keyof typeof Schemas;

export async function loader(args: Route.LoaderArgs) {
  const { session, cohort } = await requireSessionStaff(args, args.params.sessionId);
  const language = getLanguage(args.context);
  const [current, trainers] = await Promise.all([sessionForCorrection(session.id), cohortTrainers(session.cohortId)]);
  const url = new URL(args.request.url);
  return {
    cohort,
    session: current!,
    trainers,
    modules: moduleChoices(language),
    language,
    saved: url.searchParams.get("saved") === "1",
    constraint: getZodConstraint(Schemas.change),
  };
}

export async function action(args: Route.ActionArgs) {
  const { user, cohort, session } = await requireSessionStaff(args, args.params.sessionId);
  const form = await readFormData(args.request);
  const intent = String(form.get("intent")) as Intent;
  if (!(intent in Schemas)) return data({ intent: "change" as Intent, result: null, stale: null }, { status: 400 });
  const submission = parseWithZod(form, { schema: Schemas[intent] as z.ZodType<{ version: number }> });
  if (submission.status !== "success") return data({ intent, result: submission.reply(), stale: null }, { status: 400 });
  const actor = { actorId: user.id, programmeId: cohort.programmeId, sessionId: session.id, version: submission.value.version };
  let outcome: CorrectionResult;
  if (intent === "change") {
    const v = submission.value as z.output<typeof Schemas.change>;
    outcome = await correctSession({
      ...actor,
      values: { date: v.date, startTime: v.startTime, endTime: v.endTime, venue: v.venue, modules: v.modules ?? [], trainerId: v.trainerId || null },
    });
  } else if (intent === "cancel") {
    outcome = await cancelSession({ ...actor, reason: (submission.value as z.output<typeof Schemas.cancel>).reason });
  } else {
    outcome = await deleteSession(actor);
  }
  if (!outcome.ok) {
    if (outcome.kind === "stale") return data({ intent, result: submission.reply(), stale: outcome.changed }, { status: 409 });
    const key = `corrections.errors.${outcome.problem}`;
    const message = outcome.problem in { endBeforeStart: 1, unknownModule: 1, trainerNotInCohort: 1 } ? `attendance.${outcome.problem}` : key;
    const reply = outcome.field === "form" ? submission.reply({ formErrors: [message] }) : submission.reply({ fieldErrors: { [outcome.field]: [message] } });
    return data({ intent, result: reply, stale: null }, { status: 400 });
  }
  if (intent === "delete") {
    throw redirect(`/cohorts/${cohort.id}?deleted=${session.date.toISOString().slice(0, 10)}#sessions`);
  }
  throw redirect(`/sessions/${session.id}/edit?saved=1`);
}

export default function SessionEdit({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { cohort, session, trainers, modules, language, saved, constraint } = loaderData;
  const result = (intent: Intent) => (actionData?.intent === intent ? (actionData.result ?? undefined) : undefined);
  const longDay = new Intl.DateTimeFormat(language, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const dateText = longDay.format(new Date(`${session.date}T00:00:00Z`));
  const defaults = { ...session, trainerId: session.trainerId ?? "", version: String(session.version) };
  // Keyed by the version: after a save the forms start again from the record as it is now.
  const [change, fields] = useForm({ id: `change-${session.version}`, lastResult: result("change"), constraint, defaultValue: defaults, shouldValidate: "onSubmit" });
  const [cancel, cancelFields] = useForm<{ version: number; reason: string }>({ id: `cancel-${session.version}`, lastResult: result("cancel"), shouldValidate: "onSubmit" });
  const [remove] = useForm({ id: `delete-${session.version}`, lastResult: result("delete") });
  const ticked = new Set(listOf(fields.modules.initialValue ?? session.modules));
  const show = (value: unknown) => (Array.isArray(value) ? value.join(", ") : value === null || value === "" ? "—" : String(value));
  const title = t("corrections.editTitle", { cohort: cohort.name, date: dateText });
  return (
    <div className="stack narrow">
      <PageTitle>{title}</PageTitle>
      <p>
        <Link to={`/cohorts/${cohort.id}#sessions`}>{t("corrections.backToCohort")}</Link>
      </p>
      <h1>{title}</h1>
      {saved && !actionData ? (
        <p role="status" className="notice" data-testid="correction-saved">
          {session.cancelledAt ? t("corrections.cancelledNotice", { reason: session.cancelReason ?? "" }) : t("corrections.saved", { date: dateText, time: session.startTime })}
        </p>
      ) : session.cancelledAt ? (
        <p className="notice">{t("corrections.cancelledNotice", { reason: session.cancelReason ?? "" })}</p>
      ) : null}
      {actionData?.stale ? (
        <div role="alert" className="form-errors" data-testid="stale">
          <p>{t("corrections.stale")}</p>
          <ul>
            {actionData.stale.map((c) => (
              <li key={c.field}>{t("corrections.staleChange", { field: t(`corrections.fields.${c.field}`), before: show(c.before), now: show(c.now) })}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <section className="card stack" aria-labelledby="change-title">
        <h2 id="change-title">{t("corrections.changeTitle")}</h2>
        <Form method="post" {...getFormProps(change)} className="stack">
          <input type="hidden" name="intent" value="change" />
          <input type="hidden" name="version" value={session.version} />
          <FormErrors id={change.errorId} errors={change.errors} />
          <TextField label={t("attendance.date")} meta={fields.date} type="date" />
          <TextField label={t("attendance.startTime")} meta={fields.startTime} hint="09:00" />
          <TextField label={t("attendance.endTime")} meta={fields.endTime} hint="11:30" />
          <TextField label={t("attendance.venue")} meta={fields.venue} />
          <fieldset className="stack">
            <legend>{t("attendance.modulesCovered")}</legend>
            {modules.map((m) => (
              <label key={m.slug} className="checkbox">
                <input type="checkbox" name="modules" value={m.slug} defaultChecked={ticked.has(m.slug)} />
                {m.order}. {m.title}
              </label>
            ))}
          </fieldset>
          <SelectField label={t("attendance.trainer")} meta={fields.trainerId} placeholder="" options={trainers.map((tr) => ({ value: tr.id, label: tr.name }))} />
          <button type="submit" className="button button--primary">
            {t("corrections.save")}
          </button>
        </Form>
      </section>

      {session.cancelledAt ? null : (
        <ReasonForm
          id="cancel"
          title={t("corrections.cancelTitle")}
          intro={t("corrections.cancelIntro")}
          intent="cancel"
          version={session.version}
          form={cancel}
          reason={cancelFields.reason}
          label={t("corrections.reason")}
          hint={t("corrections.reasonHint")}
          submit={t("corrections.cancel")}
        />
      )}

      {session.marks > 0 ? null : (
        <section className="card stack" aria-labelledby="delete-title">
          <h2 id="delete-title">{t("corrections.deleteTitle")}</h2>
          <p>{t("corrections.deleteIntro")}</p>
          <Form method="post" {...getFormProps(remove)} className="stack">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="version" value={session.version} />
            <FormErrors id={remove.errorId} errors={remove.errors} />
            <button type="submit" className="button">
              {t("corrections.delete")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
