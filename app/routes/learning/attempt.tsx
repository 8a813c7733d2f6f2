import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { Link } from "react-router";
import { forbidden, notFound, requireUser } from "~/auth/guards.server";
import { getLanguage } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
import { findModule, lessonFor } from "~/modules/content/catalogue.server";
import { learningStatus, ownAttempt } from "~/modules/learning/learning.server";
import type { Route } from "./+types/attempt";
import { PageTitle } from "~/components/page-title";

/**
 * The result of one attempt, for the person who took it. After a pre-test: the score only (the
 * answers would spoil the post-test). After a post-test: the score, the gain, and for each
 * question the chosen and the right answer with their explanations, in the reader's language.
 */
// Texts this page shows besides the common ones.
export const handle: TextsHandle = { texts: ["learning", "accounts.titleOf"] };

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const module = findModule(args.params.slug);
  if (!module) notFound();
  const found = await ownAttempt(args.params.attemptId, user.id);
  if (!found.found || (found.mine && found.attempt.moduleSlug !== module.slug)) notFound();
  if (!found.mine) forbidden();
  const { attempt } = found;
  const detected = getLanguage(args.context);
  const language = isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
  const status = (await learningStatus(user.id, [module])).get(module.slug)!;
  const chosen = new Map(attempt.answers.map((a) => [a.questionId, a]));
  const review =
    attempt.kind === "post"
      ? module.quiz.questions.map((q) => {
          const answer = chosen.get(q.id);
          const mine = q.options.find((o) => o.id === answer?.optionId);
          const right = q.options.find((o) => o.id === q.answer)!;
          return {
            id: q.id,
            prompt: q.prompt[language],
            correct: answer?.correct ?? false,
            mine: mine ? { text: mine.text[language], explanation: mine.explanation[language] } : null,
            right: { text: right.text[language], explanation: right.explanation[language] },
          };
        })
      : null;
  return {
    slug: module.slug,
    title: lessonFor(module, language).lesson.frontmatter.title,
    kind: attempt.kind,
    score: attempt.score,
    correct: attempt.correct,
    total: attempt.total,
    pre: status.result.pre,
    best: status.result.bestPost,
    review,
  };
}


export default function AttemptPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { slug, title, kind, score, correct, total, pre, best, review } = loaderData;
  const gain = kind === "post" && pre !== null ? score - pre : null;
  return (
    <article className="quiz stack">
      <p className="lesson__eyebrow">
        <Link to={`/lessons/${slug}`}>{t("learning.backToLesson")}</Link>
      </p>
      <PageTitle>{t("accounts.titleOf", { what: t(kind === "pre" ? "learning.preTestTitle" : "learning.postTestTitle"), name: title })}</PageTitle>
      <h1>{t(kind === "pre" ? "learning.preTestTitle" : "learning.postTestTitle")}</h1>
      <p className="quiz__module">{title}</p>
      <section className="card stack quiz__result" aria-live="polite">
        <p className="quiz__score" data-testid="attempt-score">
          {t("learning.yourScore", { score })}
        </p>
        <p>{t("learning.correctCount", { correct, total })}</p>
        {gain !== null ? <p data-testid="attempt-gain">{gain > 0 ? t("learning.gainNote", { gain }) : t("learning.noGainNote")}</p> : null}
        {kind === "post" && best !== null && best > score ? <p>{t("learning.bestScore", { score: best })}</p> : null}
      </section>
      {kind === "pre" ? (
        <>
          <p>{t("learning.afterPreTest")}</p>
          <p>
            <Link to={`/lessons/${slug}`} className="button button--primary">
              {t("learning.readLesson")}
            </Link>
          </p>
        </>
      ) : null}
      {review ? (
        <section className="stack" aria-labelledby="explained-title">
          <h2 id="explained-title">{t("learning.explanationsTitle")}</h2>
          <ol className="quiz__questions">
            {review.map((q) => (
              <li key={q.id} className={`quiz__review ${q.correct ? "quiz__review--right" : "quiz__review--wrong"}`}>
                <p className="quiz__prompt">{q.prompt}</p>
                <p className="quiz__verdict">{q.correct ? `✓ ${t("learning.right")}` : `✗ ${t("learning.wrong")}`}</p>
                {q.mine ? (
                  <p>
                    {t("learning.yourAnswer", { answer: q.mine.text })} <span className="muted">{q.mine.explanation}</span>
                  </p>
                ) : null}
                {!q.correct ? (
                  <p>
                    {t("learning.rightAnswer", { answer: q.right.text })} <span className="muted">{q.right.explanation}</span>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          <p className="button-row">
            <Link to={`/lessons/${slug}/quiz/post`} className="button">
              {t("learning.retakePostTest")}
            </Link>
            <Link to="/" className="button button--primary">
              {t("learning.toHome")}
            </Link>
          </p>
        </section>
      ) : null}
    </article>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
