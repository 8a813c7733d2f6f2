/**
 * What trainers and managers learn from the answers of a class. Pure: attempts in, tables out.
 * It reads each person's pre-test and FIRST post-test of a module: what the lesson taught the
 * class (retakes after seeing the explanations would flatter it). See docs/decisions/0007.
 */
import { type QuizKind } from "./scoring";

export type ReportAttempt = { id: string; userId: string; moduleSlug: string; kind: QuizKind; score: number; createdAt: Date };
export type ReportAnswer = { attemptId: string; questionId: string; optionId: string; correct: boolean };

/** Each person's first pre-test and first post-test per module. */
export function firstAttempts(attempts: ReportAttempt[]): Map<string, { pre?: ReportAttempt; post?: ReportAttempt }> {
  const byKey = new Map<string, { pre?: ReportAttempt; post?: ReportAttempt }>();
  const sorted = [...attempts].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const attempt of sorted) {
    const key = `${attempt.userId}\0${attempt.moduleSlug}`;
    const entry = byKey.get(key) ?? {};
    entry[attempt.kind] ??= attempt;
    byKey.set(key, entry);
  }
  return byKey;
}

export type ModuleRow = { slug: string; preCount: number; postCount: number; preAverage: number | null; postAverage: number | null; gain: number | null };

const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);
const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/**
 * Per module: average pre-test and first post-test, and the gain. The gain is the mean of
 * post - pre over the people who took both, so people who skipped one do not tilt it.
 */
export function moduleRows(slugs: string[], attempts: ReportAttempt[]): ModuleRow[] {
  const firsts = [...firstAttempts(attempts).values()];
  return slugs.map((slug) => {
    const mine = firsts.filter((f) => (f.pre ?? f.post)!.moduleSlug === slug);
    const pres = mine.flatMap((f) => (f.pre ? [f.pre.score] : []));
    const posts = mine.flatMap((f) => (f.post ? [f.post.score] : []));
    const gains = mine.flatMap((f) => (f.pre && f.post ? [f.post.score - f.pre.score] : []));
    return { slug, preCount: pres.length, postCount: posts.length, preAverage: round1(mean(pres)), postAverage: round1(mean(posts)), gain: round1(mean(gains)) };
  });
}

export type QuestionRow = {
  questionId: string;
  /** Share right in the pre-tests and the first post-tests, 0-100 (null when nobody answered). */
  rightBefore: number | null;
  rightAfter: number | null;
  answersAfter: number;
  /** The wrong option chosen most often in the first post-tests (ties: the earlier option id). */
  commonWrong: { optionId: string; count: number } | null;
};

export function questionRows(questionIds: string[], moduleSlug: string, attempts: ReportAttempt[], answers: ReportAnswer[]): QuestionRow[] {
  const pre = new Set<string>();
  const post = new Set<string>();
  for (const f of firstAttempts(attempts.filter((a) => a.moduleSlug === moduleSlug)).values()) {
    if (f.pre) pre.add(f.pre.id);
    if (f.post) post.add(f.post.id);
  }
  return questionIds.map((questionId) => {
    const mine = answers.filter((a) => a.questionId === questionId);
    const before = mine.filter((a) => pre.has(a.attemptId));
    const after = mine.filter((a) => post.has(a.attemptId));
    const wrong = new Map<string, number>();
    for (const a of after) if (!a.correct) wrong.set(a.optionId, (wrong.get(a.optionId) ?? 0) + 1);
    let commonWrong: QuestionRow["commonWrong"] = null;
    for (const [optionId, count] of [...wrong].sort((a, b) => a[0].localeCompare(b[0]))) {
      if (!commonWrong || count > commonWrong.count) commonWrong = { optionId, count };
    }
    const share = (list: ReportAnswer[]) => (list.length ? Math.round((100 * list.filter((a) => a.correct).length) / list.length) : null);
    return { questionId, rightBefore: share(before), rightAfter: share(after), answersAfter: after.length, commonWrong };
  });
}

export type OwnerRow = { userId: string; modulesDone: number; pre: number | null; post: number | null; averageAfter: number | null };

/** Per owner: modules completed (a post-test taken), the selected module's scores, the mean first post-test. */
export function ownerRows(userIds: string[], moduleSlug: string, attempts: ReportAttempt[]): OwnerRow[] {
  const firsts = firstAttempts(attempts);
  return userIds.map((userId) => {
    const posts: number[] = [];
    let pre: number | null = null;
    let post: number | null = null;
    for (const [key, f] of firsts) {
      if (!key.startsWith(`${userId}\0`)) continue;
      if (f.post) posts.push(f.post.score);
      if (key === `${userId}\0${moduleSlug}`) {
        pre = f.pre?.score ?? null;
        post = f.post?.score ?? null;
      }
    }
    return { userId, modulesDone: posts.length, pre, post, averageAfter: round1(mean(posts)) };
  });
}
