import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { catalogue } from "~/modules/content/catalogue.server";
import { loader as homeLoader } from "~/routes/home";
import { loader as attemptLoader } from "~/routes/learning/attempt";
import { action as lessonAction, loader as lessonLoader } from "~/routes/learning/lesson";
import { action as quizAction, loader as quizLoader } from "~/routes/learning/quiz";
import { loader as reportLoader } from "~/routes/learning/report";
import { makeProgramme, makeUser, outcome, routeArgs } from "../support/fixtures";

const [first, second] = catalogue();
const module = first!;

/** Answers to every question: right ones for the first `right` questions, a wrong option for the rest. */
function answers(right: number, target = module): Record<string, string> {
  return Object.fromEntries(
    target.quiz.questions.map((q, i) => [`q.${q.id}`, i < right ? q.answer : q.options.find((o) => o.id !== q.answer)!.id]),
  );
}

async function submit(userId: string, kind: string, form: Record<string, string>, options: { slug?: string; headers?: Record<string, string> } = {}) {
  const slug = options.slug ?? module.slug;
  const args: any = await routeArgs(`/lessons/${slug}/quiz/${kind}`, { userId, form, params: { slug, kind } });
  if (options.headers) for (const [k, v] of Object.entries(options.headers)) args.request.headers.set(k, v);
  return outcome(() => quizAction(args));
}

async function owner() {
  const programme = await makeProgramme();
  const user = await makeUser({ firmId: programme.firmId, language: "sw", roles: [{ programmeId: programme.programmeId, role: "owner" }] });
  return { ...programme, user };
}

const attemptsOf = (userId: string) => db.quizAttempt.findMany({ where: { userId }, include: { answers: true }, orderBy: { createdAt: "asc" } });

describe("quiz attempts", () => {
  it("stores a pre-test with its content version and every answer, then shows only the score", async () => {
    const { user } = await owner();
    const sent = await submit(user.id, "pre", { clientId: randomUUID(), module: module.slug, ...answers(2) });
    expect(sent.status).toBe(302);
    const [attempt] = await attemptsOf(user.id);
    expect(attempt).toMatchObject({ kind: "pre", moduleSlug: module.slug, contentVersion: module.version, correct: 2, total: module.quiz.questions.length });
    expect(attempt!.answers).toHaveLength(module.quiz.questions.length);
    expect(sent.headers.get("Location")).toBe(`/lessons/${module.slug}/attempts/${attempt!.id}`);

    const shown = await outcome(async () => attemptLoader(await routeArgs("/", { userId: user.id, params: { slug: module.slug, attemptId: attempt!.id } })));
    expect(shown.data).toMatchObject({ kind: "pre", score: attempt!.score, review: null });
  });

  it("after reading and a post-test, shows the explanations, the gain on the home page, and keeps first and best", async () => {
    const { user } = await owner();
    await submit(user.id, "pre", { clientId: randomUUID(), module: module.slug, ...answers(1) });
    const done = await outcome(async () => lessonAction(await routeArgs(`/lessons/${module.slug}`, { userId: user.id, form: {}, params: { slug: module.slug } })));
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/lessons/${module.slug}/quiz/post`);
    await submit(user.id, "post", { clientId: randomUUID(), module: module.slug, ...answers(4) });
    const last = await submit(user.id, "post", { clientId: randomUUID(), module: module.slug, ...answers(3) });
    const attempts = await attemptsOf(user.id);
    expect(attempts.map((a) => a.kind)).toEqual(["pre", "post", "post"]);

    const attemptId = last.headers.get("Location")!.split("/").pop()!;
    const shown = await outcome(async () => attemptLoader(await routeArgs("/", { userId: user.id, params: { slug: module.slug, attemptId } })));
    expect(shown.data.review).toHaveLength(module.quiz.questions.length);
    expect(shown.data.review[4]).toMatchObject({ correct: false });
    expect(shown.data.review[4].right.explanation.length).toBeGreaterThan(0);

    const home = await outcome(async () => homeLoader(await routeArgs("/", { userId: user.id })));
    const row = home.data.learning.lessons.find((l: { slug: string }) => l.slug === module.slug);
    const n = module.quiz.questions.length;
    expect(row).toMatchObject({ state: "completed", steps: 3, pre: Math.round(100 / n), post: Math.round(400 / n), best: Math.round(400 / n) });
    expect(row.gain).toBe(Math.round(400 / n) - Math.round(100 / n));
  });

  it("records a double tap, a resent form or an outbox replay once", async () => {
    const { user } = await owner();
    const form = { clientId: randomUUID(), module: module.slug, ...answers(3) };
    const results = await Promise.all([submit(user.id, "post", form), submit(user.id, "post", form)]);
    const again = await submit(user.id, "post", form);
    const replay = await submit(user.id, "post", form, { headers: { "X-Kaizen-Outbox": "1" } });
    expect([...results, again].map((r) => r.status)).toEqual([302, 302, 302]);
    expect(new Set([...results, again].map((r) => r.headers.get("Location"))).size).toBe(1);
    expect(replay.status).toBe(200);
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.quizAnswer.count({ where: { attempt: { userId: user.id } } })).toBe(module.quiz.questions.length);
  });

  it("answers an outbox replay with JSON, also when the answers are bad", async () => {
    const { user } = await owner();
    const args: any = await routeArgs(`/lessons/${module.slug}/quiz/post`, {
      userId: user.id,
      form: { clientId: randomUUID(), module: module.slug },
      params: { slug: module.slug, kind: "post" },
    });
    args.request.headers.set("X-Kaizen-Outbox", "1");
    const response = (await quizAction(args)) as unknown as Response;
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.ok).toBe(false);
    expect(body.errors[module.quiz.questions[0]!.id]).toEqual(["learning.missingAnswer"]);
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses bad submissions with a clear reason and stores nothing", async () => {
    const { user } = await owner();
    const full = answers(5);
    const { [`q.${module.quiz.questions[1]!.id}`]: _, ...missingOne } = full;
    const otherQuestion = second!.quiz.questions[0]!;

    const missing = await submit(user.id, "post", { clientId: randomUUID(), module: module.slug, ...missingOne });
    expect(missing.status).toBe(400);
    expect(missing.data.formError).toBe("learning.errorSummary");
    expect(missing.data.fieldErrors).toEqual({ [module.quiz.questions[1]!.id]: "learning.missingAnswer" });
    // what was chosen comes back, so nothing is lost
    expect(missing.data.answers[module.quiz.questions[0]!.id]).toBe(module.quiz.questions[0]!.answer);

    const unknown = await submit(user.id, "post", { clientId: randomUUID(), module: module.slug, ...full, "q.zz-99": "a" });
    expect([unknown.status, unknown.data.formError]).toEqual([400, "learning.unknownQuestion"]);
    const other = await submit(user.id, "post", { clientId: randomUUID(), module: module.slug, ...full, [`q.${otherQuestion.id}`]: "a" });
    expect([other.status, other.data.formError]).toEqual([400, "learning.otherModule"]);
    const wrongModule = await submit(user.id, "post", { clientId: randomUUID(), module: second!.slug, ...full });
    expect([wrongModule.status, wrongModule.data.formError]).toEqual([400, "learning.otherModule"]);
    const badOption = await submit(user.id, "post", { clientId: randomUUID(), module: module.slug, ...full, [`q.${module.quiz.questions[0]!.id}`]: "z" });
    expect(badOption.status).toBe(400);
    const noClientId = await submit(user.id, "post", { module: module.slug, ...full });
    expect([noClientId.status, noClientId.data.formError]).toEqual([400, "learning.badForm"]);
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses someone else's attempt and a second pre-test", async () => {
    const { user } = await owner();
    const { user: other } = await owner();
    const form = { clientId: randomUUID(), module: module.slug, ...answers(2) };
    await submit(user.id, "pre", form);
    const stolen = await submit(other.id, "pre", form);
    expect([stolen.status, stolen.data.formError]).toEqual([403, "learning.notYourAttempt"]);
    const second = await submit(user.id, "pre", { ...form, clientId: randomUUID() });
    expect([second.status, second.data.formError]).toEqual([400, "learning.preTestTaken"]);
    expect(await db.quizAttempt.count({ where: { userId: { in: [user.id, other.id] } } })).toBe(1);

    const [attempt] = await attemptsOf(user.id);
    const peek = await outcome(async () => attemptLoader(await routeArgs("/", { userId: other.id, params: { slug: module.slug, attemptId: attempt!.id } })));
    expect(peek.status).toBe(403);
    // the pre-test page now leads to the result instead of a second pre-test
    const page = await outcome(async () => quizLoader(await routeArgs("/", { userId: user.id, params: { slug: module.slug, kind: "pre" } })));
    expect(page.status).toBe(302);
  });

  it("closes the pre-test once a post-test is taken", async () => {
    const { user } = await owner();
    await submit(user.id, "post", { clientId: randomUUID(), module: module.slug, ...answers(3) });
    const late = await submit(user.id, "pre", { clientId: randomUUID(), module: module.slug, ...answers(3) });
    expect([late.status, late.data.formError]).toEqual([400, "learning.preTestClosed"]);
    const page = await outcome(async () => quizLoader(await routeArgs("/", { userId: user.id, params: { slug: module.slug, kind: "pre" } })));
    expect([page.status, page.headers.get("Location")]).toEqual([302, `/lessons/${module.slug}`]);
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("answers 404 for an unknown lesson, quiz kind or attempt", async () => {
    const { user } = await owner();
    const lesson = await outcome(async () => lessonLoader(await routeArgs("/", { userId: user.id, params: { slug: "no-such-module" } })));
    const kind = await outcome(async () => quizLoader(await routeArgs("/", { userId: user.id, params: { slug: module.slug, kind: "mid" } })));
    const attempt = await outcome(async () => attemptLoader(await routeArgs("/", { userId: user.id, params: { slug: module.slug, attemptId: "nope" } })));
    expect([lesson.status, kind.status, attempt.status]).toEqual([404, 404, 404]);
  });

  it("shows the lesson with its neighbours and notes the reading", async () => {
    const { user } = await owner();
    const page = await outcome(async () => lessonLoader(await routeArgs("/", { userId: user.id, params: { slug: second!.slug } })));
    expect(page.data.previous.slug).toBe(module.slug);
    expect(page.data.next.slug).toBe(catalogue()[2]!.slug);
    const progress = await db.moduleProgress.findFirstOrThrow({ where: { userId: user.id, moduleSlug: second!.slug } });
    expect(progress).toMatchObject({ contentVersion: second!.version, doneAt: null });
    expect(progress.readingAt).toBeInstanceOf(Date);
  });
});

describe("learning results for trainers and managers", () => {
  async function classWithResults() {
    const setUp = await owner();
    const trainer = await makeUser({ roles: [{ programmeId: setUp.programmeId, role: "trainer" }] });
    await db.cohortTrainer.create({ data: { cohortId: setUp.cohortId, userId: trainer.id } });
    const manager = await makeUser({ roles: [{ programmeId: setUp.programmeId, role: "manager" }] });
    await submit(setUp.user.id, "pre", { clientId: randomUUID(), module: module.slug, ...answers(2) });
    await submit(setUp.user.id, "post", { clientId: randomUUID(), module: module.slug, ...answers(4) });
    return { ...setUp, trainer, manager };
  }
  const report = async (userId: string, programmeId: string, query = "") =>
    outcome(async () => reportLoader(await routeArgs(`/programmes/${programmeId}/learning${query}`, { userId, params: { programmeId } })));

  it("gives a trainer the class's averages, per-question shares and the owners' scores", async () => {
    const { trainer, programmeId, cohortId, user } = await classWithResults();
    const seen = await report(trainer.id, programmeId, `?cohort=${cohortId}&module=${module.slug}`);
    expect(seen.status).toBe(200);
    const n = module.quiz.questions.length;
    expect(seen.data.byModule[0]).toMatchObject({ slug: module.slug, preCount: 1, postCount: 1, preAverage: Math.round(200 / n), postAverage: Math.round(400 / n) });
    expect(seen.data.byQuestion[0]).toMatchObject({ rightBefore: 100, rightAfter: 100, commonWrong: null });
    expect(seen.data.byQuestion[n - 1]).toMatchObject({ rightBefore: 0, rightAfter: 0, commonWrong: { count: 1 } });
    expect(seen.data.byQuestion[n - 1].commonWrongText.length).toBeGreaterThan(0);
    expect(seen.data.byOwner).toEqual([expect.objectContaining({ userId: user.id, modulesDone: 1 })]);
  });

  it("keeps a trainer to their own cohorts and everyone to their programme", async () => {
    const a = await classWithResults();
    const b = await classWithResults();
    const otherCohort = await db.cohort.create({ data: { programmeId: a.programmeId, name: `Other ${randomUUID()}`, startsOn: new Date() }, select: { id: true } });
    expect((await report(a.trainer.id, a.programmeId, `?cohort=${otherCohort.id}`)).status).toBe(403);
    expect((await report(a.manager.id, a.programmeId, `?cohort=${otherCohort.id}`)).status).toBe(200);
    expect((await report(a.manager.id, a.programmeId, `?cohort=${b.cohortId}`)).status).toBe(403);
    expect((await report(a.manager.id, b.programmeId)).status).toBe(403);
    expect((await report(a.user.id, a.programmeId)).status).toBe(403);
    expect((await report(a.manager.id, a.programmeId, "?cohort=nope")).status).toBe(404);
  });
});
