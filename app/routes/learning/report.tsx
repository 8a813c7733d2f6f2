import { useTranslation } from "~/i18n/react";
import { Form, Link } from "react-router";
import { forbidden, notFound, requireProgrammeRole } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
import { catalogue, findModule, lessonFor } from "~/modules/content/catalogue.server";
import { cohortLearningData, visibleCohorts } from "~/modules/learning/learning.server";
import { moduleRows, ownerRows, questionRows } from "~/modules/learning/report";
import type { Route } from "./+types/report";
import { PageTitle } from "~/components/page-title";

/** What a class learned: per module, per question of one module, per owner. Trainers see their cohorts, managers all. */
export async function loader(args: Route.LoaderArgs) {
  const { programmeId } = args.params;
  const { user, role } = await requireProgrammeRole(args, programmeId, ["manager", "trainer"]);
  const url = new URL(args.request.url);
  const cohorts = await visibleCohorts(programmeId, user.id, role);
  const wanted = url.searchParams.get("cohort");
  let cohort = wanted ? cohorts.find((c) => c.id === wanted) : cohorts[0];
  if (wanted && !cohort) {
    // Another programme's cohort or one the trainer does not teach is forbidden; no such cohort is not found.
    const exists = await db.cohort.findUnique({ where: { id: wanted }, select: { id: true } });
    if (exists) forbidden();
    notFound();
  }
  const modules = catalogue();
  const module = url.searchParams.get("module") ? findModule(url.searchParams.get("module")!) : modules[0];
  if (!module) notFound();
  const detected = getLanguage(args.context);
  const language = isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
  const programme = await db.programme.findUnique({ where: { id: programmeId }, select: { name: true } });
  const moduleList = modules.map((m) => ({ slug: m.slug, title: lessonFor(m, language).lesson.frontmatter.title }));
  if (!cohort) return { programme: programme!.name, cohorts, cohortId: null, moduleSlug: module.slug, moduleList, byModule: [], byQuestion: [], byOwner: [] };
  const { owners, attempts, answers } = await cohortLearningData(programmeId, cohort.id, module.slug);
  const questions = module.quiz.questions;
  const byQuestion = questionRows(
    questions.map((q) => q.id),
    module.slug,
    attempts,
    answers,
  ).map((row) => {
    const question = questions.find((q) => q.id === row.questionId)!;
    const wrong = row.commonWrong ? question.options.find((o) => o.id === row.commonWrong!.optionId) : undefined;
    return { ...row, prompt: question.prompt[language], commonWrongText: wrong?.text[language] ?? null };
  });
  const names = new Map(owners.map((o) => [o.id, o]));
  return {
    programme: programme!.name,
    cohorts,
    cohortId: cohort.id,
    moduleSlug: module.slug,
    moduleList,
    byModule: moduleRows(
      modules.map((m) => m.slug),
      attempts,
    ),
    byQuestion,
    byOwner: ownerRows([...names.keys()], module.slug, attempts).map((row) => ({ ...row, name: names.get(row.userId)!.name, firm: names.get(row.userId)!.firm })),
  };
}


export default function LearningReport({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { programme, cohorts, cohortId, moduleSlug, moduleList, byModule, byQuestion, byOwner } = loaderData;
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const pct = (value: number | null) => (value === null ? t("learning.none") : `${number.format(value)}%`);
  const signed = (value: number | null) => (value === null ? t("learning.none") : `${value > 0 ? "+" : ""}${number.format(value)}`);
  const titleOf = (slug: string) => moduleList.find((m) => m.slug === slug)?.title ?? slug;
  const query = (slug: string) => `?${new URLSearchParams({ ...(cohortId ? { cohort: cohortId } : {}), module: slug })}`;
  return (
    <div className="stack">
      <PageTitle>{t("accounts.titleOf", { what: t("learning.reportTitle"), name: programme })}</PageTitle>
      <h1>
        {t("learning.reportTitle")} · {programme}
      </h1>
      <p>{t("learning.reportIntro")}</p>
      <Form method="get" className="report-filter">
        <div className="field">
          <label htmlFor="report-cohort">{t("learning.cohort")}</label>
          <select id="report-cohort" name="cohort" defaultValue={cohortId ?? undefined}>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-module">{t("learning.module")}</label>
          <select id="report-module" name="module" defaultValue={moduleSlug}>
            {moduleList.map((m) => (
              <option key={m.slug} value={m.slug}>
                {m.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("learning.show")}
        </button>
      </Form>
      <section aria-labelledby="by-module" className="stack">
        <h2 id="by-module">{t("learning.byModule")}</h2>
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("learning.module")}</th>
                <th scope="col">{t("learning.people")}</th>
                <th scope="col">{t("learning.preAverage")}</th>
                <th scope="col">{t("learning.postAverage")}</th>
                <th scope="col">{t("learning.gainHeader")}</th>
              </tr>
            </thead>
            <tbody>
              {byModule.map((row) => (
                <tr key={row.slug}>
                  <th scope="row">
                    <Link to={query(row.slug)}>{titleOf(row.slug)}</Link>
                  </th>
                  <td>
                    {row.preCount} / {row.postCount}
                  </td>
                  <td>{pct(row.preAverage)}</td>
                  <td>{pct(row.postAverage)}</td>
                  <td>{signed(row.gain)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="by-question" className="stack">
        <h2 id="by-question">
          {t("learning.byQuestion")}: {titleOf(moduleSlug)}
        </h2>
        <p className="muted">{t("learning.byQuestionIntro")}</p>
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="question-table">
            <thead>
              <tr>
                <th scope="col">{t("learning.question")}</th>
                <th scope="col">{t("learning.rightBefore")}</th>
                <th scope="col">{t("learning.rightAfter")}</th>
                <th scope="col">{t("learning.commonWrong")}</th>
              </tr>
            </thead>
            <tbody>
              {byQuestion.map((row) => (
                <tr key={row.questionId}>
                  <th scope="row">{row.prompt}</th>
                  <td>{pct(row.rightBefore)}</td>
                  <td>{pct(row.rightAfter)}</td>
                  <td>
                    {row.commonWrong && row.commonWrongText ? (
                      <>
                        {row.commonWrongText} <span className="muted">({t("learning.chosenBy", { count: row.commonWrong.count })})</span>
                      </>
                    ) : row.answersAfter > 0 ? (
                      t("learning.noWrong")
                    ) : (
                      t("learning.none")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="by-owner" className="stack">
        <h2 id="by-owner">{t("learning.byOwner")}</h2>
        {byOwner.length === 0 ? (
          <p>{t("learning.noData")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("learning.owner")}</th>
                  <th scope="col">{t("learning.firm")}</th>
                  <th scope="col">{t("learning.modulesDone")}</th>
                  <th scope="col">{t("learning.thisModule")}</th>
                  <th scope="col">{t("learning.averageAfter")}</th>
                </tr>
              </thead>
              <tbody>
                {byOwner.map((row) => (
                  <tr key={row.userId}>
                    <th scope="row">{row.name}</th>
                    <td>{row.firm}</td>
                    <td>
                      {row.modulesDone} / {moduleList.length}
                    </td>
                    <td>
                      {pct(row.pre)} / {pct(row.post)}
                    </td>
                    <td>{pct(row.averageAfter)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
