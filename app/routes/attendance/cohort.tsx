import { db } from "~/db/db.server";
import { dayOutsideSpan, programmeDaySpan, textField } from "~/http/input";
import { readFormData } from "~/http/form.server";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/react";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { getLanguage } from "~/i18n/i18next.server";
import { AttendanceChart, Percent } from "~/modules/attendance/figures-view";
import { requireCohortStaff } from "~/modules/attendance/access.server";
import { cohortFigures } from "~/modules/attendance/figures.server";
import { cohortSessions, cohortTrainers, moduleChoices, scheduleSession } from "~/modules/attendance/sessions.server";
import "~/styles/attendance.css";
import type { Route } from "./+types/cohort";
import { PageTitle } from "~/components/page-title";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const ScheduleSchema = z.object({
  date: z.string({ error: "form.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "attendance.badDate").refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "attendance.badDate"),
  startTime: z.string({ error: "form.required" }).regex(TIME, "attendance.badTime"),
  endTime: z.string({ error: "form.required" }).regex(TIME, "attendance.badTime"),
  venue: textField({ min: 2, max: 120 }),
  modules: z.array(z.string()).max(10).optional(),
  trainerId: z.string().optional(),
});

export async function loader(args: Route.LoaderArgs) {
  const { cohort, role } = await requireCohortStaff(args, args.params.cohortId);
  const language = getLanguage(args.context);
  const [sessions, trainers, figures] = await Promise.all([
    cohortSessions(cohort.id),
    cohortTrainers(cohort.id),
    cohortFigures(cohort.id, cohort.attendanceThreshold),
  ]);
  return { cohort, role, sessions, trainers, figures, modules: moduleChoices(language), language, constraint: getZodConstraint(ScheduleSchema) };
}

export async function action(args: Route.ActionArgs) {
  const { user, cohort } = await requireCohortStaff(args, args.params.cohortId);
  const submission = parseWithZod(await readFormData(args.request), { schema: ScheduleSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { date, modules, trainerId, ...rest } = submission.value;
  const programme = await db.programme.findUniqueOrThrow({ where: { id: cohort.programmeId }, select: { startsOn: true, endsOn: true } });
  const outside = dayOutsideSpan(date, programmeDaySpan(programme));
  if (outside) return data({ result: submission.reply({ fieldErrors: { date: [outside] } }) }, { status: 400 });
  const outcome = await scheduleSession({
    ...rest,
    date: new Date(`${date}T00:00:00Z`),
    modules: modules ?? [],
    trainerId: trainerId || undefined,
    cohortId: cohort.id,
    programmeId: cohort.programmeId,
    actorId: user.id,
  });
  if (!outcome.ok) return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [`attendance.${outcome.problem}`] } }) }, { status: 400 });
  throw redirect(`/cohorts/${cohort.id}?scheduled=${outcome.id}#sessions`);
}

export default function CohortPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { cohort, sessions, trainers, figures, modules, language, constraint } = loaderData;
  const [form, fields] = useForm<z.input<typeof ScheduleSchema>>({ lastResult: actionData?.result, constraint, shouldValidate: "onSubmit" });
  const day = new Intl.DateTimeFormat(language, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
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
              <li key={s.id}>
                <Link to={`/sessions/${s.id}`}>
                  <span className="session-list__when">
                    {i + 1}. {day.format(new Date(s.date))} · {s.startTime}–{s.endTime}
                  </span>
                  <br />
                  {s.venue}
                  {s.trainer ? ` · ${s.trainer.name}` : ""}
                  <br />
                  <span className="muted">
                    {s._count.attendances > 0 ? (
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
              </li>
            );
          })}
        </ul>
      </section>

      <section className="card stack" aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t("attendance.scheduleTitle")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField label={t("attendance.date")} meta={fields.date} type="date" />
          <TextField label={t("attendance.startTime")} meta={fields.startTime} hint="09:00" />
          <TextField label={t("attendance.endTime")} meta={fields.endTime} hint="11:30" />
          <TextField label={t("attendance.venue")} meta={fields.venue} />
          <fieldset className="stack">
            <legend>{t("attendance.modulesCovered")}</legend>
            {modules.map((m) => (
              <label key={m.slug} className="checkbox">
                <input type="checkbox" name="modules" value={m.slug} />
                {m.order}. {m.title}
              </label>
            ))}
          </fieldset>
          <SelectField label={t("attendance.trainer")} meta={fields.trainerId} placeholder="" options={trainers.map((tr) => ({ value: tr.id, label: tr.name }))} />
          <button type="submit" className="button button--primary">
            {t("attendance.schedule")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
