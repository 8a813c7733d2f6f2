import { readFormData } from "~/http/form.server";
import { randomUUID } from "node:crypto";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { data, Link, redirect, useFetcher } from "react-router";
import { getLanguage } from "~/i18n/i18next.server";
import { requireSessionStaff } from "~/modules/attendance/access.server";
import { ATTENDANCE_STATUSES, isAttendanceStatus } from "~/modules/attendance/rates";
import { cohortRoster, saveRollCall, sessionMarks } from "~/modules/attendance/roll-call.server";
import { queueSubmission, submitOrQueue, revalidateUnlessQueued } from "~/offline/outbox";
import { isOutboxReplay, outboxReply, outboxReplayMiddleware } from "~/offline/replay.server";
import "~/styles/attendance.css";
import type { Route } from "./+types/roll-call";
import type { TextsHandle } from "~/i18n/texts";
import { PageTitle } from "~/components/page-title";

export const handle: TextsHandle = { texts: ["attendance", "form", "accounts.titleOf"] };


export async function loader(args: Route.LoaderArgs) {
  const { session, cohort } = await requireSessionStaff(args, args.params.sessionId);
  const [roster, marks] = await Promise.all([cohortRoster(session.cohortId), sessionMarks(session.id)]);
  const paper = new URL(args.request.url).searchParams.get("paper") === "1";
  const saved = new URL(args.request.url).searchParams.get("saved");
  return {
    session,
    cohort,
    paper,
    saved: saved === null ? null : Number(saved) || 0,
    language: getLanguage(args.context),
    // For a page without JavaScript; with JavaScript the browser makes a fresh id for every save.
    clientId: randomUUID(),
    people: roster.map((p) => {
      const mark = marks.get(p.id);
      return {
        ...p,
        status: mark?.status ?? null,
        recordedByName: mark?.recordedByName ?? null,
        recordedAt: mark?.recordedAt ?? null,
        source: mark?.source ?? null,
        corrected: mark?.corrected ?? [],
      };
    }),
  };
}

const CLIENT_ID = /^[A-Za-z0-9-]{8,64}$/;

export async function action(args: Route.ActionArgs) {
  const replay = isOutboxReplay(args.request);
  const { user, session } = await requireSessionStaff(args, args.params.sessionId);
  const form = await readFormData(args.request);
  const clientId = String(form.get("clientId") ?? "");
  const marks: { personId: string; status: (typeof ATTENDANCE_STATUSES)[number] }[] = [];
  const badStatus: string[] = [];
  for (const [name, value] of form) {
    if (!name.startsWith("mark.")) continue;
    if (isAttendanceStatus(value)) marks.push({ personId: name.slice(5), status: value });
    else badStatus.push(name.slice(5));
  }
  const fail = (errors: Record<string, string[]>, people: string[] = []) =>
    replay ? outboxReply(400, { ok: false, errors }) : data({ ok: false as const, errors, people, saved: null }, { status: 400 });
  if (!CLIENT_ID.test(clientId)) return fail({ clientId: ["attendance.badClientId"] });
  if (badStatus.length > 0) return fail({ marks: ["attendance.badStatus"] }, badStatus);
  if (marks.length === 0) return fail({ marks: ["attendance.nothingMarked"] });
  const source = replay ? "offline" : form.get("source") === "paper" ? "paper" : "web";
  const outcome = await saveRollCall({ sessionId: session.id, cohortId: session.cohortId, recordedById: user.id, clientId, source, marks });
  if (!outcome.ok) return fail({ marks: ["attendance.notEnrolled"] }, outcome.names);
  if (replay) return outboxReply(200, { ok: true });
  if (form.get("js") === "1") return { ok: true as const, errors: null, people: [], saved: outcome.changed + outcome.alreadyThere };
  const back = new URL(args.request.url);
  back.searchParams.set("saved", String(marks.length));
  throw redirect(back.pathname + back.search);
}

/**
 * A save replayed by the offline outbox gets a JSON answer (app/offline/README.md). An action's
 * Response would be rendered into the page on a document POST, so the replay is answered here,
 * before any page is rendered; a refusal becomes its status with a JSON body as well.
 */
export const middleware: Route.MiddlewareFunction[] = [outboxReplayMiddleware(action as never)];

export async function clientAction({ request, serverAction }: Route.ClientActionArgs) {
  const label = String((await request.clone().formData()).get("label") ?? "");
  return submitOrQueue({ request, serverAction, label });
}

export const shouldRevalidate = revalidateUnlessQueued;

function newClientId() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export default function RollCall({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { session, cohort, people, paper, language } = loaderData;
  const fetcher = useFetcher<typeof action>();
  const [hydrated, setHydrated] = useState(false);
  const [clientId, setClientId] = useState<string>(loaderData.clientId);
  useEffect(() => {
    setHydrated(true);
    // A page kept for offline use carries the id of the day it was cached: make a fresh one here.
    setClientId(newClientId());
  }, []);
  // Every save gets its own id: a replay of one save is recognised, a second save is not mistaken for one.
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data) setClientId(newClientId());
  }, [fetcher.state, fetcher.data]);
  const [queuedHere, setQueuedHere] = useState(false);
  // With JavaScript the answer comes to the fetcher; without it, a refused save renders this page again with it.
  const answer = (fetcher.data ?? actionData) as (Awaited<ReturnType<typeof action>> & { queued?: boolean }) | undefined;
  const result = queuedHere ? { queued: true as const, saved: null, errors: null, people: [] } : answer;
  // Known to be offline: keep the roll on the phone straight away. Going through the router would
  // make it ask the server for every page's data again, which cannot work without a network.
  // (A save that dies on the way is queued by the clientAction instead.)
  const keepOffline = (event: React.FormEvent<HTMLFormElement>) => {
    setQueuedHere(false);
    if (navigator.onLine) return;
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void queueSubmission(location.pathname + location.search, form, String(form.get("label") ?? "")).then(() => {
      setQueuedHere(true);
      setClientId(newClientId());
    });
  };
  const errors = result && "errors" in result && result.errors ? result.errors : null;
  const problemPeople = result && "people" in result ? (result.people as string[]) : [];
  const day = new Intl.DateTimeFormat(language, { dateStyle: "full", timeZone: "UTC" }).format(new Date(session.date));
  const time = new Intl.DateTimeFormat(language, { dateStyle: "short", timeStyle: "short" });
  const title = paper ? t("attendance.paperTitle") : t("attendance.rollCallTitle");
  const savedCount = result && "saved" in result && result.saved !== null ? result.saved : loaderData.saved;
  const marked = people.filter((p) => p.status).length;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
      </p>
      <PageTitle>{t("accounts.titleOf", { what: title, name: `${cohort.name}, ${new Intl.DateTimeFormat(language, { day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(session.date))}` })}</PageTitle>
      <h1>{title}</h1>
      <p>
        {day} · {session.startTime}–{session.endTime} · {session.venue}
      </p>
      {paper ? <p>{t("attendance.paperIntro")}</p> : <p>{t("attendance.rollCallIntro")}</p>}
      <p className="muted">{t("attendance.markedSoFar", { marked, total: people.length })}</p>
      {result?.queued ? (
        <p role="status" className="notice">
          {t("attendance.queued")}
        </p>
      ) : savedCount !== null && !errors ? (
        <p role="status" className="notice notice--success">
          {t("attendance.saved", { count: savedCount })}
        </p>
      ) : null}
      {errors ? (
        <div role="alert" className="form-errors">
          {(Object.values(errors) as string[][]).flat().map((key) => (
            <p key={key}>{t(key as never)}</p>
          ))}
          {problemPeople.length > 0 ? <p>{problemPeople.join(", ")}</p> : null}
        </div>
      ) : null}
      <fetcher.Form method="post" className="stack" onSubmit={keepOffline}>
        <input type="hidden" name="clientId" value={clientId} />
        <input type="hidden" name="label" value={`${t("attendance.rollCallTitle")} · ${cohort.name} · ${day}`} />
        {paper ? <input type="hidden" name="source" value="paper" /> : null}
        {hydrated ? <input type="hidden" name="js" value="1" /> : null}
        {people.length === 0 ? <p>{t("attendance.nobodyEnrolled")}</p> : null}
        <ul className="roll">
          {people.map((person) => (
            <li key={person.id} className="roll__person">
              <fieldset>
                <legend>{person.name}</legend>
                <p className="roll__firm">{person.firmName}</p>
                <div className="roll__choices">
                  {ATTENDANCE_STATUSES.map((status) => (
                    <label key={status} className={`roll__choice roll__choice--${status}`}>
                      <input type="radio" name={`mark.${person.id}`} value={status} defaultChecked={person.status === status} />
                      <span>{t(`attendance.status.${status}`)}</span>
                    </label>
                  ))}
                </div>
                {person.recordedByName && person.recordedAt ? (
                  <p className="roll__recorded">
                    {t("attendance.recordedBy", { name: person.recordedByName, when: time.format(new Date(person.recordedAt)) })}
                    {person.source && person.source !== "web" ? ` · ${t(`attendance.source.${person.source as "paper"}`)}` : ""}
                  </p>
                ) : null}
                {person.corrected.length > 0 ? (
                  <p className="roll__recorded">
                    {t("attendance.earlier")}{" "}
                    {person.corrected
                      .map((c) => t("attendance.earlierValue", { status: t(`attendance.status.${c.status as "present"}`), name: c.recordedByName }))
                      .join("; ")}
                  </p>
                ) : null}
              </fieldset>
            </li>
          ))}
        </ul>
        <div className="roll__save">
          <button type="submit" className="button button--primary" disabled={fetcher.state !== "idle"}>
            {paper ? t("attendance.savePaper") : t("attendance.save")}
          </button>
        </div>
      </fetcher.Form>
      <p className="button-row no-print">
        <Link className="button" to={`/sessions/${session.id}/sheet`}>
          {t("attendance.printSheet")}
        </Link>
        {paper ? (
          <Link className="button" to={`/sessions/${session.id}`}>
            {t("attendance.rollCallTitle")}
          </Link>
        ) : (
          <Link className="button" to={`/sessions/${session.id}?paper=1`}>
            {t("attendance.paperTitle")}
          </Link>
        )}
      </p>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
