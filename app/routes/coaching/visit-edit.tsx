import { type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { ChecklistFields } from "~/components/coaching/checklist-fields";
import { useErrorText } from "~/components/field";
import { ReasonForm } from "~/components/corrections/reason-form";
import { PageTitle } from "~/components/page-title";
import { readFormData } from "~/http/form.server";
import { getLanguage } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { checklistItem } from "~/modules/coaching/checklist";
import { correctVisit, visitForCorrection, withdrawVisit, type StaleChange } from "~/modules/coaching/visit-corrections.server";
import { parseVisitForm } from "~/modules/coaching/visit-form";
import { firmAccess, latestVisitDay, visitFormData } from "~/modules/coaching/visits.server";
import type { Route } from "./+types/visit-edit";

export const handle: TextsHandle = { texts: ["coaching", "corrections.visit", "corrections.staleChange", "form"] };

const WithdrawSchema = z.object({
  version: z.number({ error: "form.required" }).int().min(0),
  reason: z.string({ error: "form.required" }).trim().min(3, "form.tooShort").max(300, "form.tooLong"),
});

async function load(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requireUser(args);
  const found = await visitForCorrection(user, args.params.firmId, args.params.visitId);
  if (!found.ok) return found.status === 404 ? notFound() : forbidden();
  const access = await firmAccess(user, args.params.firmId);
  if (!access.ok) return forbidden();
  const form = await visitFormData(found.visit.firmId, found.visit.programmeId);
  return { user, visit: found.visit, firm: access.firm, form };
}

export async function loader(args: Route.LoaderArgs) {
  const { visit, firm, form } = await load(args);
  const detected = getLanguage(args.context);
  return {
    firm,
    visit: {
      id: visit.id,
      version: visit.version,
      withdrawnAt: visit.withdrawnAt,
      withdrawReason: visit.withdrawReason,
      photos: visit.photos.map((p) => ({ id: p.id, kind: p.kind })),
    },
    fields: {
      date: visit.date.toISOString().slice(0, 10),
      durationMinutes: String(visit.durationMinutes),
      recordsMonthsSeen: visit.recordsMonthsSeen === null ? "" : String(visit.recordsMonthsSeen),
      notes: visit.notes,
      ...Object.fromEntries(visit.scores.map((s) => [`item.${s.itemKey}`, String(s.value)])),
    } as Record<string, string>,
    itemKeys: form.itemKeys,
    programmeStart: form.programme.startsOn,
    saved: new URL(args.request.url).searchParams.get("saved") === "1",
    language: isLanguage(detected) ? detected : DEFAULT_LANGUAGE,
  };
}

type ActionResult = { intent: "correct" | "withdraw"; errors?: Record<string, string[]>; fields?: Record<string, string>; stale?: StaleChange[]; result?: SubmissionResult<string[]> };

export async function action(args: Route.ActionArgs) {
  const { user, visit, firm, form } = await load(args);
  const formData = await readFormData(args.request);
  const done = () => redirect(`/firms/${firm.id}/visits/${visit.id}/edit?saved=1`);
  if (formData.get("intent") === "withdraw") {
    const submission = parseWithZod(formData, { schema: WithdrawSchema });
    if (submission.status !== "success") return data<ActionResult>({ intent: "withdraw", result: submission.reply() }, { status: 400 });
    const outcome = await withdrawVisit({ visit, version: submission.value.version, reason: submission.value.reason, actorId: user.id });
    if (!outcome.ok) return data<ActionResult>({ intent: "withdraw", stale: outcome.stale, result: submission.reply() }, { status: 409 });
    throw done();
  }
  // The same rules as recording a visit (coaching/visit-form.ts); agreed actions are not edited here.
  const entries = [...formData.entries()].filter(([name]) => !name.startsWith("action.") && !name.startsWith("outcome.") && name !== "clientId");
  const parsed = parseVisitForm([...entries, ["clientId", visit.id]], {
    items: form.itemKeys.map((key) => checklistItem(key)!),
    today: latestVisitDay(),
    programmeStart: form.programme.startsOn,
    previousActionIds: [],
  });
  if (!parsed.ok) return data<ActionResult>({ intent: "correct", errors: parsed.errors, fields: parsed.fields }, { status: 400 });
  const version = Number(formData.get("version"));
  const { date, durationMinutes, recordsMonthsSeen, notes, scores } = parsed.value;
  const outcome = await correctVisit({
    visit,
    version,
    values: { date, durationMinutes, recordsMonthsSeen, notes, scores },
    removePhotoIds: formData.getAll("removePhoto").map(String),
    actorId: user.id,
  });
  if (!outcome.ok) return data<ActionResult>({ intent: "correct", stale: outcome.stale, fields: parsed.fields }, { status: 409 });
  throw done();
}

const STALE_LABEL: Record<string, string> = {
  date: "coaching.date",
  durationMinutes: "coaching.duration",
  recordsMonthsSeen: "coaching.recordsMonths",
  notes: "coaching.notes",
  scores: "coaching.checklistTitle",
  withdrawn: "corrections.visit.withdrawnBadge",
};

export default function VisitEdit({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { firm, visit, itemKeys, language, saved, programmeStart } = loaderData;
  const correcting = actionData?.intent === "correct" ? actionData : null;
  const fields = correcting?.fields ?? loaderData.fields;
  const errors = correcting?.errors ?? {};
  const message = (name: string) => (errors[name]?.length ? errorText(errors[name]![0]!) : null);
  const [withdraw, withdrawFields] = useForm<{ version: number; reason: string }>({
    id: `withdraw-${visit.version}`,
    lastResult: actionData?.intent === "withdraw" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
  });
  const dateText = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${loaderData.fields.date}T00:00:00Z`));
  const title = t("corrections.visit.editTitle", { firm: firm.name, date: dateText });
  const show = (v: unknown) => (v === null || v === "" ? "—" : Array.isArray(v) ? String(v.length) : String(v));
  const items = itemKeys.map((key) => checklistItem(key)!);
  return (
    <div className="stack narrow">
      <PageTitle>{title}</PageTitle>
      <p>
        <Link to={`/firms/${firm.id}/visits#visit-${visit.id}`}>{t("corrections.visit.backToTimeline")}</Link>
      </p>
      <h1>{title}</h1>
      {saved && !actionData ? (
        <p role="status" className="notice" data-testid="visit-saved">
          {visit.withdrawnAt ? t("corrections.visit.withdrawn", { reason: visit.withdrawReason ?? "" }) : t("corrections.visit.saved")}
        </p>
      ) : visit.withdrawnAt ? (
        <p className="notice">{t("corrections.visit.withdrawn", { reason: visit.withdrawReason ?? "" })}</p>
      ) : null}
      {actionData?.stale ? (
        <div role="alert" className="form-errors" data-testid="stale">
          <p>{t("corrections.visit.stale")}</p>
          <ul>
            {actionData.stale
              .filter((c) => STALE_LABEL[c.field])
              .map((c) => (
                <li key={c.field}>{t("corrections.staleChange", { field: t(STALE_LABEL[c.field] as "coaching.date"), before: show(c.before), now: show(c.now) })}</li>
              ))}
          </ul>
        </div>
      ) : null}
      <p className="muted">{t("corrections.visit.window")}</p>

      <Form method="post" className="stack visit-form" noValidate key={`correct-${visit.version}`}>
        {Object.keys(errors).length > 0 ? (
          <div role="alert" className="form-errors">
            <p>{t("form.errorsAbove")}</p>
            {errors.form?.map((key) => <p key={key}>{errorText(key)}</p>)}
          </div>
        ) : null}
        <input type="hidden" name="intent" value="correct" />
        <input type="hidden" name="version" value={visit.version} />
        <Input name="date" label={t("coaching.date")} type="date" fields={fields} error={message("date")} min={programmeStart} />
        <Input name="durationMinutes" label={t("coaching.duration")} type="number" fields={fields} error={message("durationMinutes")} />
        <h2>{t("coaching.checklistTitle")}</h2>
        {message("checklist") ? <p className="field__errors">{message("checklist")}</p> : null}
        <ChecklistFields items={items} language={language} fields={fields} errorText={message} />
        <Input name="recordsMonthsSeen" label={t("coaching.recordsMonths")} type="number" fields={fields} error={message("recordsMonthsSeen")} />
        <div className="field">
          <label htmlFor="notes">{t("coaching.notes")}</label>
          <textarea id="notes" name="notes" rows={4} defaultValue={fields.notes ?? ""} aria-invalid={message("notes") ? true : undefined} />
          {message("notes") ? <p className="field__errors">{message("notes")}</p> : null}
        </div>
        {visit.photos.length > 0 ? (
          <fieldset className="checklist-group">
            <legend>{t("corrections.visit.photosTitle")}</legend>
            {visit.photos.map((photo, i) => (
              <div key={photo.id} className="stack">
                <img src={`/visit-photos/${photo.id}`} alt={t("coaching.photoAlt", { kind: t(`coaching.${photo.kind as "before" | "after"}`), number: i + 1 })} loading="lazy" className="visit-edit__photo" />
                <label className="checkbox">
                  <input type="checkbox" name="removePhoto" value={photo.id} />
                  {t("corrections.visit.removePhoto")}
                </label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <button type="submit" className="button button--primary">
          {t("corrections.visit.save")}
        </button>
      </Form>

      {visit.withdrawnAt ? null : (
        <ReasonForm
          id="withdraw"
          title={t("corrections.visit.withdrawTitle")}
          intro={t("corrections.visit.withdrawIntro")}
          intent="withdraw"
          version={visit.version}
          form={withdraw}
          reason={withdrawFields.reason}
          label={t("corrections.visit.reason")}
          hint={t("corrections.visit.reasonHint")}
          submit={t("corrections.visit.withdraw")}
        />
      )}
    </div>
  );
}

function Input({ name, label, type, fields, error, min }: { name: string; label: string; type: string; fields: Record<string, string>; error: string | null; min?: string }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} type={type} defaultValue={fields[name] ?? ""} min={min} inputMode={type === "number" ? "numeric" : undefined} aria-invalid={error ? true : undefined} aria-describedby={error ? `${name}-error` : undefined} />
      {error ? (
        <p id={`${name}-error`} className="field__errors">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
