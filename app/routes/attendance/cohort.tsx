import { db } from "~/db/db.server";
import { dayOutsideSpan, programmeDaySpan } from "~/http/input";
import { readFormData } from "~/http/form.server";
import { randomUUID } from "node:crypto";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/react";
import { data, Link, redirect } from "react-router";
import { z } from "zod";
import { ScheduleForm } from "~/components/attendance/schedule-form";
import { getLanguage } from "~/i18n/i18next.server";
import { AttendanceChart, Percent } from "~/modules/attendance/figures-view";
import { requireCohortStaff } from "~/modules/attendance/access.server";
import { cohortFigures } from "~/modules/attendance/figures.server";
import { cohortSessions, cohortTrainers, moduleChoices, previewSchedule, scheduleSessions } from "~/modules/attendance/sessions.server";
import { MAX_SERIES } from "~/modules/attendance/series";
import { CLIENT_ID, sessionFields } from "~/modules/attendance/session-form";
import "~/styles/attendance.css";
import type { Route } from "./+types/cohort";
import { PageTitle } from "~/components/page-title";

const ScheduleSchema = z.object({
  ...sessionFields,
  clientId: z.string({ error: "form.required" }).regex(CLIENT_ID, "form.required"),
  count: z.number({ error: "corrections.errors.badCount" }).int("corrections.errors.badCount").min(1, "corrections.errors.badCount").max(MAX_SERIES, "corrections.errors.badCount").optional(),
  everyDays: z.number({ error: "corrections.errors.badEvery" }).int("corrections.errors.badEvery").min(1, "corrections.errors.badEvery").max(60, "corrections.errors.badEvery").optional(),
});

export async function loader(args: Route.LoaderArgs) {
  const { cohort, role } = await requireCohortStaff(args, args.params.cohortId);
  const language = getLanguage(args.context);
  const [sessions, trainers, figures] = await Promise.all([
    cohortSessions(cohort.id),
    cohortTrainers(cohort.id),
    cohortFigures(cohort.id, cohort.attendanceThreshold),
  ]);
  const url = new URL(args.request.url);
  const scheduled = url.searchParams.get("scheduled");
  const saved = scheduled ? { count: Number(url.searchParams.get("count") ?? "1"), first: url.searchParams.get("first") ?? "", last: url.searchParams.get("last") ?? "", at: url.searchParams.get("at") ?? "" } : null;
  return {
    cohort,
    role,
    sessions,
    trainers,
    figures,
    modules: moduleChoices(language),
    language,
    constraint: getZodConstraint(ScheduleSchema),
    clientId: randomUUID(),
    saved,
    formKey: scheduled ?? "new",
  };
}

export async function action(args: Route.ActionArgs) {
  const { user, cohort } = await requireCohortStaff(args, args.params.cohortId);
  const formData = await readFormData(args.request);
  const intent = formData.getAll("intent").map(String).filter(Boolean).at(-1) ?? "schedule";
  const formKey = String(formData.get("formKey") ?? "");
  const submission = parseWithZod(formData, { schema: ScheduleSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), preview: null, formKey }, { status: 400 });
  const { date, modules, trainerId, count = 1, everyDays = 7, ...rest } = submission.value;
  // Every session of a series falls within the programme and at most a year ahead.
  const programme = await db.programme.findUniqueOrThrow({ where: { id: cohort.programmeId }, select: { startsOn: true, endsOn: true } });
  const span = programmeDaySpan(programme);
  const series = previewSchedule({ date, count, everyDays, modules: [] });
  const outside = dayOutsideSpan(series[0]!.date, span) ?? dayOutsideSpan(series.at(-1)!.date, span);
  if (outside) return data({ result: submission.reply({ fieldErrors: { date: [outside] } }), preview: null, formKey }, { status: 400 });
  // A series is shown before it is saved; a single session is saved at once.
  if (intent === "preview" || (intent !== "confirm" && count > 1)) {
    return data({ result: submission.reply(), preview: previewSchedule({ date, count, everyDays, modules: modules ?? [] }), formKey });
  }
  const outcome = await scheduleSessions({
    ...rest,
    date,
    count,
    everyDays,
    modules: modules ?? [],
    trainerId: trainerId || undefined,
    cohortId: cohort.id,
    programmeId: cohort.programmeId,
    actorId: user.id,
  });
  if (!outcome.ok) {
    const message = outcome.problem === "sessionExists" ? "corrections.errors.sessionExists" : `attendance.${outcome.problem}`;
    return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [message] } }), preview: null, formKey }, { status: 400 });
  }
  const plan = previewSchedule({ date, count, everyDays, modules: [] });
  const query = new URLSearchParams({ scheduled: outcome.ids[0]!, count: String(plan.length), first: plan[0]!.date, last: plan.at(-1)!.date, at: rest.startTime });
  throw redirect(`/cohorts/${cohort.id}?${query}#schedule-title`);
}

export default function CohortPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { cohort, sessions, trainers, figures, modules, language, constraint, saved, formKey, clientId } = loaderData;
  const day = new Intl.DateTimeFormat(language, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
  const longDay = new Intl.DateTimeFormat(language, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  // After a save the router may still hold the answer to the form before it: only this form's own counts.
  const answer = actionData && actionData.formKey === formKey ? actionData : null;
  const dayOf = (d: string) => longDay.format(new Date(`${d}T00:00:00Z`));
  const savedText = saved
    ? saved.count > 1
      ? t("corrections.scheduledMany", { count: saved.count, first: dayOf(saved.first), last: dayOf(saved.last) })
      : t("corrections.scheduledOne", { date: dayOf(saved.first), time: saved.at })
    : null;
  const flagged = figures.firms.filter((f) => f.flagged);
  return (
    <div className="stack">
      <p>
        <Link to="/classes">{t("attendance.classesTitle")}</Link>
      </p>
      <PageTitle>{t("accounts.titleOf", { what: t("accounts.titles.cohort"), name: cohort.name })}</PageTitle>
      <h1>{cohort.name}</h1>
      <p className="muted">{cohort.programmeName}</p>

      <section className="stack" aria-labelledby="figures-title">
        <h2 id="figures-title">{t("attendance.figuresTitle")}</h2>
        <p>
          {t("attendance.cohortRate", { count: figures.heldCount })} <strong><Percent rate={figures.cohort.rate} /></strong>
        </p>
        <AttendanceChart series={figures.series.map((s) => ({ label: day.format(new Date(s.date)), rate: s.rate }))} threshold={cohort.attendanceThreshold} />
        <h3>{t("attendance.flaggedTitle", { threshold: Math.round(cohort.attendanceThreshold * 100) })}</h3>
        {flagged.length === 0 ? (
          <p>{t("attendance.noneFlagged")}</p>
        ) : (
          <ul className="plain-list" data-testid="flagged-firms">
            {flagged.map((f) => (
              <li key={f.id}>
                <span className="flagged">{f.name}</span> · <Percent rate={f.rate.rate} /> · {f.owners.map((o) => o.name).join(", ")}
              </li>
            ))}
          </ul>
        )}
        <details>
          <summary>{t("attendance.allFirms")}</summary>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("attendance.firm")}</th>
                  <th scope="col">{t("attendance.rate")}</th>
                  <th scope="col">{t("attendance.owners")}</th>
                </tr>
              </thead>
              <tbody>
                {figures.firms.map((f) => (
                  <tr key={f.id}>
                    <td className={f.flagged ? "flagged" : undefined}>{f.name}</td>
                    <td>
                      <Percent rate={f.rate.rate} />
                    </td>
                    <td>
                      {f.owners.map((o) => (
                        <span key={o.id}>
                          {o.name} (<Percent rate={o.rate.rate} />){" "}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <section className="stack" aria-labelledby="sessions-title" id="sessions">
        <h2 id="sessions-title">{t("attendance.sessionsTitle")}</h2>
        {sessions.length === 0 ? <p>{t("attendance.noSessions")}</p> : null}
        <ul className="session-list">
          {sessions.map((s, i) => {
            const rate = figures.perSession[s.id];
            return (
              <li key={s.id} className={s.cancelledAt ? "session-list__cancelled" : undefined}>
                <Link to={`/sessions/${s.id}`}>
                  <span className="session-list__when">
                    {i + 1}. {day.format(new Date(s.date))} · {s.startTime}–{s.endTime}
                  </span>
                  <br />
                  {s.venue}
                  {s.trainer ? ` · ${s.trainer.name}` : ""}
                  <br />
                  <span className="muted">
                    {s.cancelledAt ? (
                      <strong>{t("corrections.cancelledBecause", { reason: s.cancelReason ?? "" })}</strong>
                    ) : s._count.attendances > 0 ? (
                      <>
                        {t("attendance.marks", { count: s._count.attendances })}
                        {rate ? (
                          <>
                            {" · "}
                            <Percent rate={rate.rate} />
                          </>
                        ) : null}
                      </>
                    ) : (
                      t("attendance.notTaken")
                    )}
                  </span>
                </Link>
                <Link to={`/sessions/${s.id}/edit`} className="session-list__change">
                  {t("corrections.changeLink")}
                </Link>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="card stack" aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t("attendance.scheduleTitle")}</h2>
        <ScheduleForm
          key={formKey}
          formKey={formKey}
          clientId={clientId}
          lastResult={answer?.result}
          preview={answer?.preview ?? null}
          constraint={constraint}
          modules={modules}
          trainers={trainers}
          language={language}
          saved={answer ? null : savedText}
        />
      </section>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
