import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useRef } from "react";
import { Form } from "react-router";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { useTranslation } from "~/i18n/react";
import { listOf } from "~/modules/attendance/session-form";
import type { PlannedSession } from "~/modules/attendance/series";

type ScheduleFields = {
  clientId: string;
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  modules: string[];
  trainerId: string;
  count: number;
  everyDays: number;
};

type Props = {
  clientId: string;
  /** Which form this is (the last save's id): an answer meant for an earlier form is not shown on this one. */
  formKey: string;
  lastResult?: SubmissionResult<string[]> | null;
  preview: readonly PlannedSession[] | null;
  // biome-ignore lint: the route's Zod constraint, passed through
  constraint: any;
  modules: { slug: string; order: number; title: string }[];
  trainers: { id: string; name: string }[];
  language: string;
  /** What the last save stored, said where the person is looking. */
  saved: string | null;
};

/**
 * Plan one class session or a repeating series. The route keys this component by the last save,
 * so a successful save gives a fresh form (no ticks, no errors, a new idempotency key).
 */
export function ScheduleForm({ clientId, formKey, lastResult, preview, constraint, modules, trainers, language, saved }: Props) {
  const { t } = useTranslation();
  const [form, fields] = useForm<ScheduleFields>({ id: "schedule", lastResult: lastResult ?? undefined, constraint, shouldValidate: "onSubmit" });
  const ticked = new Set(listOf(fields.modules.initialValue));
  const day = new Intl.DateTimeFormat(language, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const title = (slug: string) => modules.find((m) => m.slug === slug);
  // The pressed button says what to do; a script-driven submission may drop the button's own
  // value, so it is also copied into this field (the action reads the last one given).
  const intentRef = useRef<HTMLInputElement>(null);
  const choose = (intent: string) => () => {
    if (intentRef.current) intentRef.current.value = intent;
  };
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      {saved ? (
        <p role="status" className="notice" data-testid="schedule-saved">
          {saved}
        </p>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <input ref={intentRef} type="hidden" name="intent" defaultValue="" />
      <input type="hidden" name="formKey" value={formKey} />
      <input type="hidden" name="clientId" defaultValue={typeof fields.clientId.initialValue === "string" ? fields.clientId.initialValue : clientId} />
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
      <fieldset className="stack">
        <legend>{t("corrections.repeat.legend")}</legend>
        <TextField label={t("corrections.repeat.count")} meta={fields.count} type="number" inputMode="numeric" />
        <TextField label={t("corrections.repeat.every")} meta={fields.everyDays} type="number" inputMode="numeric" hint={t("corrections.repeat.everyHint")} />
      </fieldset>
      {preview ? (
        <div className="card stack" role="status" data-testid="schedule-preview">
          <p>{t("corrections.repeat.previewTitle", { count: preview.length })}</p>
          <ol>
            {preview.map((p) => (
              <li key={p.date}>
                {day.format(new Date(`${p.date}T00:00:00Z`))}:{" "}
                {p.modules.length > 0 ? p.modules.map((slug) => title(slug)?.order ?? slug).join(", ") : t("corrections.repeat.noModule")}
              </li>
            ))}
          </ol>
          <button type="submit" name="intent" value="confirm" className="button button--primary" onClick={choose("confirm")}>
            {t("corrections.repeat.confirm", { count: preview.length })}
          </button>
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" name="intent" value="schedule" className={preview ? "button" : "button button--primary"} onClick={choose("schedule")}>
          {t("attendance.schedule")}
        </button>
        <button type="submit" name="intent" value="preview" className="button" onClick={choose("preview")}>
          {t("corrections.repeat.preview")}
        </button>
      </div>
    </Form>
  );
}
