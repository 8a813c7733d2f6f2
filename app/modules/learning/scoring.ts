/**
 * Quiz answers checked against a module's quiz, and scored. Pure: no database, no framework.
 *
 * A submission is a map of question id -> chosen option id. It is accepted only when it answers
 * every question of this quiz with one of that question's options, and nothing else; otherwise
 * the problems are returned as codes (translated by the page), and nothing may be stored.
 */

export type QuizKind = "pre" | "post";
export const QUIZ_KINDS: readonly QuizKind[] = ["pre", "post"];
export function isQuizKind(value: unknown): value is QuizKind {
  return value === "pre" || value === "post";
}

/** The part of a quiz that scoring needs (content's Quiz type fits it). */
export type QuizKey = { questions: { id: string; answer: string; options: { id: string }[] }[] };

export type AnswerProblem =
  /** A question of this quiz has no answer. */
  | { code: "missingAnswer"; questionId: string }
  /** The chosen option is not one of the question's options. */
  | { code: "unknownOption"; questionId: string }
  /** A question id that belongs to another module's quiz. */
  | { code: "otherModule"; questionId: string }
  /** A question id no quiz knows. */
  | { code: "unknownQuestion"; questionId: string };

export type ScoredAnswer = { questionId: string; optionId: string; correct: boolean };
export type Scored = { correct: number; total: number; score: number; answers: ScoredAnswer[] };

export type Checked = { ok: true; scored: Scored } | { ok: false; problems: AnswerProblem[] };

/**
 * @param moduleOf tells which module a question id belongs to (undefined when none), so that an
 * answer meant for another module is reported as such instead of as an unknown question.
 */
export function checkAnswers(quiz: QuizKey, submitted: Record<string, string>, moduleOf: (questionId: string) => string | undefined = () => undefined): Checked {
  const problems: AnswerProblem[] = [];
  const known = new Set(quiz.questions.map((q) => q.id));
  for (const questionId of Object.keys(submitted)) {
    if (known.has(questionId)) continue;
    problems.push({ code: moduleOf(questionId) ? "otherModule" : "unknownQuestion", questionId });
  }
  const answers: ScoredAnswer[] = [];
  for (const question of quiz.questions) {
    const optionId = submitted[question.id];
    if (optionId === undefined || optionId === "") {
      problems.push({ code: "missingAnswer", questionId: question.id });
      continue;
    }
    if (!question.options.some((o) => o.id === optionId)) {
      problems.push({ code: "unknownOption", questionId: question.id });
      continue;
    }
    answers.push({ questionId: question.id, optionId, correct: optionId === question.answer });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, scored: score(answers) };
}

export function score(answers: ScoredAnswer[]): Scored {
  const correct = answers.filter((a) => a.correct).length;
  const total = answers.length;
  return { correct, total, score: total === 0 ? 0 : Math.round((100 * correct) / total), answers };
}

/** Form fields named `q.<questionId>` hold the chosen option: the quiz form's only convention. */
export const ANSWER_FIELD_PREFIX = "q.";

export function answersFromForm(entries: Iterable<[string, unknown]>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (!name.startsWith(ANSWER_FIELD_PREFIX) || typeof value !== "string") continue;
    answers[name.slice(ANSWER_FIELD_PREFIX.length)] = value;
  }
  return answers;
}

export type AttemptSummary = { kind: QuizKind; score: number; createdAt: Date };

/**
 * A person's results for one module. Every attempt is stored; these are read from them.
 * - pre: the first pre-test (there is only one: it measures what the owner knew before).
 * - firstPost: the first post-test: what the lesson taught. Trainers' tables and the gain use it.
 * - bestPost: the best post-test: the screening's knowledge component uses this one (decision
 *   0006; see docs/decisions/0007-quiz-attempts.md), and the owner sees it beside the first.
 * - gain: firstPost - pre, when both exist.
 */
export type ModuleResult = { pre: number | null; firstPost: number | null; bestPost: number | null; postAttempts: number; gain: number | null };

export function moduleResult(attempts: AttemptSummary[]): ModuleResult {
  const sorted = [...attempts].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const pre = sorted.find((a) => a.kind === "pre")?.score ?? null;
  const posts = sorted.filter((a) => a.kind === "post");
  const firstPost = posts[0]?.score ?? null;
  const bestPost = posts.length ? Math.max(...posts.map((a) => a.score)) : null;
  return { pre, firstPost, bestPost, postAttempts: posts.length, gain: pre !== null && firstPost !== null ? firstPost - pre : null };
}

/**
 * An owner's state in a module, as the home page shows it: the furthest step reached.
 * notStarted -> reading (lesson opened) -> preTestDone -> read (marked as done, post-test next)
 * -> completed (a post-test taken; its score is shown beside the state).
 * The pre-test is offered, not required: an owner who skipped it has lost only their baseline.
 */
export type ModuleState = "notStarted" | "reading" | "preTestDone" | "read" | "completed";

type Progress = { readingAt: Date | null; doneAt: Date | null } | null;

export function moduleState(progress: Progress, result: ModuleResult): ModuleState {
  if (result.firstPost !== null) return "completed";
  if (progress?.doneAt) return "read";
  if (result.pre !== null) return "preTestDone";
  if (progress?.readingAt) return "reading";
  return "notStarted";
}

/** Steps done of a module's three (pre-test, reading, post-test), for its progress bar. */
export function moduleSteps(progress: Progress, result: ModuleResult): number {
  if (result.firstPost !== null) return 3;
  return (result.pre !== null ? 1 : 0) + (progress?.doneAt ? 1 : 0);
}

export const STEPS_PER_MODULE = 3;
