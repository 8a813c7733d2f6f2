import { readFormData } from "~/http/form.server";
import { randomUUID } from "node:crypto";
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { data, Form, Link, redirect, type ShouldRevalidateFunctionArgs, useNavigation } from "react-router";
import { notFound, requireUser } from "~/auth/guards.server";
import { getLanguage } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
import { findModule, lessonFor } from "~/modules/content/catalogue.server";
import { preTestState, recordAttempt } from "~/modules/learning/learning.server";
import { ANSWER_FIELD_PREFIX, answersFromForm, isQuizKind, type AnswerProblem } from "~/modules/learning/scoring";
import { queueSubmission, submitOrQueue, revalidateUnlessQueued } from "~/offline/outbox";
import { isOutboxReplay, outboxReply, outboxReplayMiddleware } from "~/offline/replay.server";
import type { Route } from "./+types/quiz";
import { PageTitle } from "~/components/page-title";

/** A quiz (pre-test or post-test) of one module: a plain form of radio groups that works without JavaScript. */
// Texts this page shows besides the common ones.
export const handle: TextsHandle = { texts: ["learning", "accounts.titleOf"] };

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const module = findModule(args.params.slug);
  const kind = args.params.kind;
  if (!module || !isQuizKind(kind)) notFound();
  // There is one pre-test per module, before the post-test: once taken, its result is what there
  // is to see; after a post-test, the lesson.
  if (kind === "pre") {
    const { preId, closed } = await preTestState(user.id, module.slug);
    if (preId) throw redirect(`/lessons/${module.slug}/attempts/${preId}`);
    if (closed) throw redirect(`/lessons/${module.slug}`);
  }
  const detected = getLanguage(args.context);
  const language = isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
  return {
    slug: module.slug,
    kind,
    title: lessonFor(module, language).lesson.frontmatter.title,
    // The attempt's idempotency key, made when the form is first shown: a resent form or an
    // outbox replay carries the same one and stores nothing new.
    clientId: randomUUID(),
    questions: module.quiz.questions.map((q) => ({
      id: q.id,
      prompt: q.prompt[language],
      options: q.options.map((o) => ({ id: o.id, text: o.text[language] })),
    })),
  };
}

type Failure = { formError: string; fieldErrors: Record<string, string>; answers: Record<string, string> };

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const module = findModule(args.params.slug);
  const kind = args.params.kind;
  if (!module || !isQuizKind(kind)) notFound();
  const form = await readFormData(args.request);
  const answers = answersFromForm(form.entries());
  const replay = isOutboxReplay(args.request);
  const fail = (status: 400 | 403, formError: string, fieldErrors: Record<string, string> = {}) =>
    replay
      ? outboxReply(status, { ok: false, errors: { form: [formError], ...Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k, [v]])) } })
      : data<Failure>({ formError, fieldErrors, answers }, { status });

  const clientId = form.get("clientId");
  if (typeof clientId !== "string" || !/^[A-Za-z0-9-]{8,64}$/.test(clientId)) return fail(400, "learning.badForm");
  if (form.get("module") !== module.slug) return fail(400, "learning.otherModule");

  const outcome = await recordAttempt({ userId: user.id, module, kind, clientId, answers });
  if (!outcome.ok) {
    if ("problem" in outcome) return fail(outcome.status, `learning.${outcome.problem}`);
    return fail(400, formErrorFor(outcome.problems), fieldErrorsFor(outcome.problems));
  }
  if (replay) return outboxReply(200, { ok: true, id: outcome.attemptId });
  throw redirect(`/lessons/${module.slug}/attempts/${outcome.attemptId}`);
}

function formErrorFor(problems: AnswerProblem[]): string {
  if (problems.some((p) => p.code === "otherModule")) return "learning.otherModule";
  if (problems.some((p) => p.code === "unknownQuestion")) return "learning.unknownQuestion";
  return "learning.errorSummary";
}

function fieldErrorsFor(problems: AnswerProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) if (p.code === "missingAnswer" || p.code === "unknownOption") errors[p.questionId] = `learning.${p.code}`;
  return errors;
}

/**
 * An outbox replay gets its JSON answer before any page is rendered (an action's Response would
 * be rendered into the page on a document POST); a refusal thrown by a guard becomes its status.
 */
export const middleware: Route.MiddlewareFunction[] = [outboxReplayMiddleware(action as never)];

/** With JavaScript, answers given without network wait on the phone and are sent later. */
export async function clientAction({ request, serverAction }: Route.ClientActionArgs) {
  const label = String((await request.clone().formData()).get("label") ?? "");
  return submitOrQueue({ request, serverAction, label });
}

export const shouldRevalidate = revalidateUnlessQueued;


export default function QuizPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { slug, kind, title, clientId, questions } = loaderData;
  const navigation = useNavigation();
  const failure = actionData && "formError" in actionData ? actionData : null;
  const [queuedHere, setQueuedHere] = useState(false);
  const [missingHere, setMissingHere] = useState(false);
  const queued = queuedHere || (actionData && "queued" in actionData);
  // With no network at all the router cannot even look up the page's code: keep the answers on
  // the phone straight away, once every question has one. (A send that dies on the way is queued
  // by the clientAction.)
  const keepOffline = (event: React.FormEvent<HTMLFormElement>) => {
    if (navigator.onLine) return;
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const answered = new Set([...formData.keys()].filter((name) => name.startsWith(ANSWER_FIELD_PREFIX)));
    setMissingHere(answered.size < questions.length);
    if (answered.size < questions.length) return;
    void queueSubmission(location.pathname, formData, String(formData.get("label") ?? "")).then(() => setQueuedHere(true));
  };
  const text = (key: string) => (i18n.exists(key) ? t(key as never) : t("learning.badForm"));
  return (
    <article className="quiz stack">
      <p className="lesson__eyebrow">
        <Link to={`/lessons/${slug}`}>{t("learning.backToLesson")}</Link>
      </p>
      <PageTitle>{t("accounts.titleOf", { what: t(kind === "pre" ? "learning.preTestTitle" : "learning.postTestTitle"), name: title })}</PageTitle>
      <h1>{t(kind === "pre" ? "learning.preTestTitle" : "learning.postTestTitle")}</h1>
      <p className="quiz__module">{title}</p>
      {queued ? (
        <p className="notice" role="status">
          {t("learning.queued")}
        </p>
      ) : null}
      {failure || missingHere ? (
        <p className="form-errors" role="alert" id="quiz-errors">
          {text(failure && !missingHere ? failure.formError : "learning.errorSummary")}
        </p>
      ) : null}
      <p>{t("learning.quizIntro", { count: questions.length })}</p>
      <Form method="post" className="stack" aria-describedby={failure ? "quiz-errors" : undefined} onSubmit={keepOffline}>
        <input type="hidden" name="clientId" value={clientId} />
        <input type="hidden" name="module" value={slug} />
        <input type="hidden" name="label" value={`${t(kind === "pre" ? "learning.preTestTitle" : "learning.postTestTitle")}: ${title}`} />
        <ol className="quiz__questions">
          {questions.map((question, index) => {
            const error = failure?.fieldErrors[question.id];
            return (
              <li key={question.id}>
                <fieldset className="quiz__question" aria-describedby={error ? `${question.id}-error` : undefined}>
                  <legend>
                    <span className="quiz__number">{t("learning.questionNumber", { number: index + 1 })}</span> {question.prompt}
                  </legend>
                  {error ? (
                    <p className="field__errors" id={`${question.id}-error`}>
                      {text(error)}
                    </p>
                  ) : null}
                  {question.options.map((option) => (
                    <label key={option.id} className="quiz__option">
                      <input
                        type="radio"
                        name={`${ANSWER_FIELD_PREFIX}${question.id}`}
                        value={option.id}
                        defaultChecked={failure?.answers[question.id] === option.id}
                        aria-invalid={error ? true : undefined}
                      />
                      <span>{option.text}</span>
                    </label>
                  ))}
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
          {t("learning.submit")}
        </button>
      </Form>
    </article>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
