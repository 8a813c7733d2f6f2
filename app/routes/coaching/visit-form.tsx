import { randomUUID } from "node:crypto";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { forbidden, getUser, notFound, requireUser } from "~/auth/guards.server";
import { ChecklistFields } from "~/components/coaching/checklist-fields";
import { PhotoInput } from "~/components/coaching/photo-input";
import { useErrorText } from "~/components/field";
import { getLanguage } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
import { checklistItem } from "~/modules/coaching/checklist";
import { readVisitSubmission } from "~/modules/coaching/visit-submission.server";
import { firmAccess, saveVisit, visitByClientId, visitFormData } from "~/modules/coaching/visits.server";
import { MAX_ACTIONS, MAX_PHOTOS } from "~/modules/coaching/visit-form";
import { readFormData } from "~/http/form.server";
import { VisitArmWarning } from "~/components/experiments/visit-warning";
import { checkVisitAgainstArm, visitArmWarning } from "~/modules/experiments/delivery.server";
import { queueSubmission, revalidateUnlessQueued, submitOrQueue } from "~/offline/outbox";
import { isOutboxReplay, outboxReply, outboxReplayMiddleware } from "~/offline/replay.server";
import type { Route } from "./+types/visit-form";
import type { TextsHandle } from "~/i18n/texts";
import { PageTitle } from "~/components/page-title";

export const handle: TextsHandle = { texts: ["coaching", "form", "experiments.visit"] };


export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const access = await firmAccess(user, args.params.firmId, "trainer");
  if (!access.ok) return access.status === 404 ? notFound() : forbidden();
  const detected = getLanguage(args.context);
  return {
    firm: access.firm,
    ...(await visitFormData(access.firm.id, access.programmeIds[0]!)),
    language: isLanguage(detected) ? detected : DEFAULT_LANGUAGE,
    clientId: randomUUID(),
    armWarning: await visitArmWarning(access.programmeIds[0]!, access.firm.id),
  };
}

export async function action(args: Route.ActionArgs) {
  const replay = isOutboxReplay(args.request);
  const user = getUser(args);
  if (!user) return replay ? new Response(null, { status: 401 }) : requireUser(args);
  const access = await firmAccess(user, args.params.firmId, "trainer");
  if (!access.ok) {
    if (replay) return new Response(null, { status: access.status });
    return access.status === 404 ? notFound() : forbidden();
  }
  const formData = await readFormData(args.request);
  const done = (id: string) => (replay ? outboxReply(200, { ok: true, id }) : redirect(`/firms/${access.firm.id}/visits#visit-${id}`));

  // A replay of a visit already stored answers as if it had just been saved, and writes nothing.
  const existing = await visitByClientId(String(formData.get("clientId") ?? ""));
  if (existing && existing.firmId === access.firm.id) return done(existing.id);

  const programmeId = access.programmeIds[0]!;
  const form = await visitFormData(access.firm.id, programmeId);
  const submission = await readVisitSubmission(formData, form);
  if (!submission.ok) {
    if (replay) return outboxReply(400, { ok: false, errors: submission.errors });
    return data({ errors: submission.errors, fields: submission.fields, hadPhotos: submission.hadPhotos, queued: false as const }, { status: 400 });
  }
  // A firm whose experiment arm offers no visits: confirmed with a reason, recorded as non-compliance.
  const arm = await checkVisitAgainstArm(programmeId, access.firm.id, formData);
  if (!arm.ok) {
    if (replay) return outboxReply(400, { ok: false, errors: arm.errors });
    return data({ errors: arm.errors, fields: arm.fields, hadPhotos: submission.photos.length > 0, queued: false as const }, { status: 400 });
  }
  const saved = await saveVisit({ ...submission.value, firmId: access.firm.id, programmeId, coachId: user.id, photos: submission.photos });
  await arm.record(submission.value.clientId, user.id);
  return done(saved.id);
}

export async function clientAction({ request, serverAction }: Route.ClientActionArgs) {
  const form = await request.clone().formData();
  return submitOrQueue({ request, serverAction, label: `${form.get("firmName") ?? ""} · ${form.get("date") ?? ""}` });
}

/** Replays from the outbox are answered with JSON before any page is rendered (app/offline/README.md). */
export const middleware: Route.MiddlewareFunction[] = [outboxReplayMiddleware(action as never)];

export const shouldRevalidate = revalidateUnlessQueued;

export default function VisitForm({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { firm, previous, itemKeys, language, programme, visitNumber } = loaderData;
  const navigation = useNavigation();
  const clientIdRef = useRef<HTMLInputElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const errorSummaryRef = useRef<HTMLDivElement>(null);
  const result = actionData && "errors" in actionData ? actionData : null;
  const [queuedHere, setQueuedHere] = useState(false);
  const queued = queuedHere || (actionData && "queued" in actionData && actionData.queued === true);
  const fields: Record<string, string> = result?.fields ?? { date: new Date().toISOString().slice(0, 10), durationMinutes: "150" };
  const errors: Record<string, string[]> = result?.errors ?? {};
  const message = (name: string) => (errors[name]?.length ? errorText(errors[name]![0]!) : null);
  const items = itemKeys.map((key) => checklistItem(key)!);

  // After a refused save the page stays where the button was: take the trainer to what to fix.
  useEffect(() => {
    if (result) errorSummaryRef.current?.focus();
  }, [result]);

  // Each form the browser shows gets its own id and today's date: a page kept on the phone for
  // offline use would otherwise repeat the id and the day it was saved.
  useEffect(() => {
    setHydrated(true);
    if (result) return;
    if (clientIdRef.current) clientIdRef.current.value = crypto.randomUUID();
    if (dateRef.current) dateRef.current.value = new Date().toLocaleDateString("en-CA");
  }, [result, queued]);

  if (queued) {
    return (
      <div className="stack narrow">
        <PageTitle>{t("coaching.formTitle", { number: visitNumber, firm: firm.name })}</PageTitle>
        <h1>{t("coaching.formTitle", { number: visitNumber, firm: firm.name })}</h1>
        <p role="status" className="notice">
          {t("coaching.queued")}
        </p>
        <p>
          <Link to="/coaching" className="button">
            {t("coaching.backToFirms")}
          </Link>
        </p>
      </div>
    );
  }

  // With no network at all the router cannot even look up the page's code: keep the visit on
  // the phone straight away. (A save that dies on the way is queued by the clientAction.)
  const keepOffline = (event: React.FormEvent<HTMLFormElement>) => {
    if (navigator.onLine) return;
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    void queueSubmission(location.pathname, formData, `${firm.name} · ${formData.get("date") ?? ""}`).then(() => setQueuedHere(true));
  };

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="stack narrow">
      <p>
        <Link to="/coaching">{t("coaching.backToFirms")}</Link>
      </p>
      <PageTitle>{t("coaching.formTitle", { number: visitNumber, firm: firm.name })}</PageTitle>
      <h1>{t("coaching.formTitle", { number: visitNumber, firm: firm.name })}</h1>
      {previous ? null : <p className="muted">{t("coaching.baselineNote")}</p>}
      <Form method="post" encType="multipart/form-data" className="stack visit-form" noValidate onSubmit={keepOffline}>
        {hasErrors ? (
          <div role="alert" className="form-errors" ref={errorSummaryRef} tabIndex={-1}>
            <p>{t("form.errorsAbove")}</p>
            {errors.form?.map((key) => <p key={key}>{errorText(key)}</p>)}
            {result?.hadPhotos && !hydrated ? <p>{t("coaching.errors.photoAgain")}</p> : null}
          </div>
        ) : null}
        <input ref={clientIdRef} type="hidden" name="clientId" defaultValue={fields.clientId ?? loaderData.clientId} />
        <input type="hidden" name="firmName" value={firm.name} />
        {loaderData.armWarning ? <VisitArmWarning armName={loaderData.armWarning.armName} fields={fields} error={message("experimentReason")} /> : null}
        <Field name="date" label={t("coaching.date")} type="date" fields={fields} error={message("date")} min={programme.startsOn} inputRef={dateRef} />
        <Field name="durationMinutes" label={t("coaching.duration")} type="number" fields={fields} error={message("durationMinutes")} />

        {previous && previous.actions.length > 0 ? (
          <fieldset className="checklist-group">
            <legend>{t("coaching.followUpTitle", { date: previous.date })}</legend>
            <p className="field__hint">{t("coaching.followUpHint")}</p>
            {previous.actions.map((action) => {
              const name = `outcome.${action.id}`;
              const error = message(name);
              return (
                <fieldset key={action.id} className="checklist-item" aria-describedby={error ? `${name}-error` : undefined}>
                  <legend>{action.text}</legend>
                  <div className="choice-row">
                    {(["done", "partly", "not_done"] as const).map((outcome) => (
                      <label key={outcome} className="choice">
                        <input type="radio" name={name} value={outcome} defaultChecked={fields[name] === outcome} />
                        <span>{t(`coaching.outcome.${outcome}`)}</span>
                      </label>
                    ))}
                  </div>
                  {error ? <p id={`${name}-error`} className="field__errors">{error}</p> : null}
                </fieldset>
              );
            })}
          </fieldset>
        ) : null}

        <h2>{t("coaching.checklistTitle")}</h2>
        <p className="field__hint">{t("coaching.checklistHint")}</p>
        {message("checklist") ? <p className="field__errors">{message("checklist")}</p> : null}
        <ChecklistFields items={items} language={language} fields={fields} errorText={message} />

        <Field name="recordsMonthsSeen" label={t("coaching.recordsMonths")} hint={t("coaching.recordsMonthsHint")} type="number" fields={fields} error={message("recordsMonthsSeen")} />
        <div className="field">
          <label htmlFor="notes">{t("coaching.notes")}</label>
          <textarea id="notes" name="notes" rows={4} defaultValue={fields.notes ?? ""} aria-invalid={message("notes") ? true : undefined} />
          {message("notes") ? <p className="field__errors">{message("notes")}</p> : null}
        </div>

        <fieldset className="checklist-group">
          <legend>{t("coaching.actionsTitle")}</legend>
          <p className="field__hint">{t("coaching.actionsHint")}</p>
          {Array.from({ length: MAX_ACTIONS }, (_, i) => (
            <Field key={i} name={`action.${i}`} label={t("coaching.actionLabel", { number: i + 1 })} fields={fields} error={message(`action.${i}`)} />
          ))}
        </fieldset>

        <fieldset className="checklist-group">
          <legend>{t("coaching.photosTitle")}</legend>
          <p className="field__hint">{t("coaching.photosHint")}</p>
          {Array.from({ length: MAX_PHOTOS }, (_, i) => (
            <PhotoInput key={i} index={i} defaultKind={(fields[`photoKind.${i}`] as "before" | "after") ?? (i < 2 ? "before" : "after")} error={message(`photo.${i}`) ?? undefined} />
          ))}
        </fieldset>

        <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
          {t("coaching.save")}
        </button>
      </Form>
    </div>
  );
}

type FieldProps = { name: string; label: string; hint?: string; type?: string; fields: Record<string, string>; error: string | null; min?: string; inputRef?: React.Ref<HTMLInputElement> };

function Field({ name, label, hint, type = "text", fields, error, min, inputRef }: FieldProps) {
  const id = name.replace(/\W/g, "-");
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <p id={`${id}-hint`} className="field__hint">{hint}</p> : null}
      <input ref={inputRef} id={id} name={name} type={type} defaultValue={fields[name] ?? ""} min={min} inputMode={type === "number" ? "numeric" : undefined} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      {error ? <p id={`${id}-error`} className="field__errors">{error}</p> : null}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
