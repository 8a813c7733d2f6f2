import { db } from "~/db/db.server";
import { catalogue, type Module } from "~/modules/content/catalogue.server";
import { type AnswerProblem, checkAnswers, type ModuleResult, moduleResult, moduleState, type ModuleState, moduleSteps, type QuizKind } from "./scoring";
import { evidenceChanged } from "~/modules/roster/evidence-version.server";

/** Which module a question id belongs to, across the whole catalogue. */
export function moduleOfQuestion(questionId: string): string | undefined {
  for (const module of catalogue()) if (module.quiz.questions.some((q) => q.id === questionId)) return module.slug;
  return undefined;
}

export type AttemptInput = { userId: string; module: Module; kind: QuizKind; clientId: string; answers: Record<string, string> };

export type AttemptOutcome =
  | { ok: true; attemptId: string; replayed: boolean }
  | { ok: false; status: 400; problems: AnswerProblem[] }
  | { ok: false; status: 400; problem: "preTestTaken" | "preTestClosed" }
  | { ok: false; status: 403; problem: "notYourAttempt" };

/**
 * Stores one quiz attempt with every answer, idempotent by the browser's clientId: a double tap,
 * a resent form or an outbox replay finds the attempt already there and answers as if it had just
 * been stored. Bad answers store nothing. Taking the post-test also marks the lesson as done.
 */
export async function recordAttempt(input: AttemptInput): Promise<AttemptOutcome> {
  const existing = await findByClientId(input.clientId);
  if (existing) return sameAttempt(existing, input);

  const checked = checkAnswers(input.module.quiz, input.answers, moduleOfQuestion);
  if (!checked.ok) return { ok: false, status: 400, problems: checked.problems };
  if (input.kind === "pre") {
    // One pre-test per module, before the post-test: it measures what the owner knew before.
    // (Marking the lesson as read does not close it: answers queued offline may arrive late.)
    const earlier = await db.quizAttempt.findMany({ where: { userId: input.userId, moduleSlug: input.module.slug }, select: { kind: true } });
    if (earlier.some((a) => a.kind === "pre")) return { ok: false, status: 400, problem: "preTestTaken" };
    if (earlier.some((a) => a.kind === "post")) return { ok: false, status: 400, problem: "preTestClosed" };
  }
  const { scored } = checked;
  try {
    const attempt = await db.$transaction(async (tx) => {
      const created = await tx.quizAttempt.create({
        data: {
          clientId: input.clientId,
          userId: input.userId,
          moduleSlug: input.module.slug,
          kind: input.kind,
          contentVersion: input.module.version,
          correct: scored.correct,
          total: scored.total,
          score: scored.score,
          // The unique key is what holds "one pre-test" when two submissions arrive at once.
          preTestKey: input.kind === "pre" ? `${input.userId} ${input.module.slug}` : null,
          answers: { create: scored.answers },
        },
        select: { id: true },
      });
      await evidenceChanged(tx, { userIds: [input.userId] });
      if (input.kind === "post") {
        const now = new Date();
        await tx.moduleProgress.upsert({
          where: { userId_moduleSlug: { userId: input.userId, moduleSlug: input.module.slug } },
          create: { userId: input.userId, moduleSlug: input.module.slug, contentVersion: input.module.version, readingAt: now, doneAt: now },
          update: {},
        });
      }
      return created;
    });
    return { ok: true, attemptId: attempt.id, replayed: false };
  } catch (error) {
    // Two copies of the same submission raced: the other one stored it.
    const raced = await findByClientId(input.clientId);
    if (raced) return sameAttempt(raced, input);
    // Two different pre-test submissions raced: the database kept the first.
    if (input.kind === "pre" && (error as { code?: string }).code === "P2002") return { ok: false, status: 400, problem: "preTestTaken" };
    throw error;
  }
}

function findByClientId(clientId: string) {
  return db.quizAttempt.findUnique({ where: { clientId }, select: { id: true, userId: true, moduleSlug: true, kind: true } });
}

function sameAttempt(existing: { id: string; userId: string; moduleSlug: string; kind: string }, input: AttemptInput): AttemptOutcome {
  if (existing.userId !== input.userId || existing.moduleSlug !== input.module.slug || existing.kind !== input.kind) {
    return { ok: false, status: 403, problem: "notYourAttempt" };
  }
  return { ok: true, attemptId: existing.id, replayed: true };
}

/** The lesson was opened: the first time starts "reading". */
export async function markReading(userId: string, module: Module): Promise<void> {
  await db.moduleProgress.upsert({
    where: { userId_moduleSlug: { userId, moduleSlug: module.slug } },
    create: { userId, moduleSlug: module.slug, contentVersion: module.version, readingAt: new Date() },
    update: {},
  });
}

/** "Mark as done": idempotent, the first time counts. */
export async function markDone(userId: string, module: Module): Promise<void> {
  const now = new Date();
  const existing = await db.moduleProgress.findUnique({ where: { userId_moduleSlug: { userId, moduleSlug: module.slug } }, select: { doneAt: true } });
  if (existing?.doneAt) return;
  await db.moduleProgress.upsert({
    where: { userId_moduleSlug: { userId, moduleSlug: module.slug } },
    create: { userId, moduleSlug: module.slug, contentVersion: module.version, readingAt: now, doneAt: now },
    update: { doneAt: now, contentVersion: module.version },
  });
}

export type ModuleStatus = { slug: string; state: ModuleState; steps: number; result: ModuleResult; opened: boolean };

/** A person's state in every module of the catalogue, in two queries. */
export async function learningStatus(userId: string, modules: Module[] = catalogue()): Promise<Map<string, ModuleStatus>> {
  const [progress, attempts] = await Promise.all([
    db.moduleProgress.findMany({ where: { userId }, select: { moduleSlug: true, readingAt: true, doneAt: true } }),
    db.quizAttempt.findMany({ where: { userId }, select: { moduleSlug: true, kind: true, score: true, createdAt: true } }),
  ]);
  const status = new Map<string, ModuleStatus>();
  for (const module of modules) {
    const own = progress.find((p) => p.moduleSlug === module.slug) ?? null;
    const result = moduleResult(attempts.filter((a) => a.moduleSlug === module.slug).map((a) => ({ ...a, kind: a.kind as QuizKind })));
    status.set(module.slug, { slug: module.slug, state: moduleState(own, result), steps: moduleSteps(own, result), result, opened: own !== null });
  }
  return status;
}

/** One attempt with its answers, only for the person who took it (null otherwise). */
export async function ownAttempt(attemptId: string, userId: string) {
  const attempt = await db.quizAttempt.findUnique({
    where: { id: attemptId },
    select: {
      id: true,
      userId: true,
      moduleSlug: true,
      kind: true,
      score: true,
      correct: true,
      total: true,
      createdAt: true,
      answers: { select: { questionId: true, optionId: true, correct: true } },
    },
  });
  if (!attempt) return { found: false as const };
  if (attempt.userId !== userId) return { found: true as const, mine: false as const };
  return { found: true as const, mine: true as const, attempt };
}

/** The next class session of the cohorts the owner's firm is enrolled in, if any. */
export async function nextClassSession(firmId: string | null, now = new Date()) {
  if (!firmId) return null;
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return db.classSession.findFirst({
    where: { date: { gte: today }, cancelledAt: null, cohort: { enrolments: { some: { firmId } } } },
    orderBy: [{ date: "asc" }, { startTime: "asc" }],
    select: { date: true, startTime: true, endTime: true, venue: true, modules: true },
  });
}

/** Whether the pre-test of a module is still open: the id of the pre-test taken, or "closed" after a post-test. */
export async function preTestState(userId: string, moduleSlug: string): Promise<{ preId: string | null; closed: boolean }> {
  const attempts = await db.quizAttempt.findMany({ where: { userId, moduleSlug }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true } });
  return { preId: attempts.find((a) => a.kind === "pre")?.id ?? null, closed: attempts.some((a) => a.kind === "post") };
}

/** The cohorts of a programme a person may see results of: a manager all, a trainer their own. */
export async function visibleCohorts(programmeId: string, userId: string, role: string) {
  return db.cohort.findMany({
    where: { programmeId, ...(role === "trainer" ? { trainers: { some: { userId } } } : {}) },
    select: { id: true, name: true },
    orderBy: { startsOn: "desc" },
  });
}

/** Owners of a cohort's firms with every quiz attempt they made, and the answers of one module's attempts. */
export async function cohortLearningData(programmeId: string, cohortId: string, moduleSlug: string) {
  const owners = await db.user.findMany({
    where: { firm: { enrolments: { some: { cohortId } } }, memberships: { some: { programmeId, role: "owner" } } },
    select: { id: true, name: true, firm: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
  const attempts = await db.quizAttempt.findMany({
    where: { userId: { in: owners.map((o) => o.id) } },
    select: { id: true, userId: true, moduleSlug: true, kind: true, score: true, createdAt: true },
  });
  const answers = await db.quizAnswer.findMany({
    where: { attempt: { userId: { in: owners.map((o) => o.id) }, moduleSlug } },
    select: { attemptId: true, questionId: true, optionId: true, correct: true },
  });
  return {
    owners: owners.map((o) => ({ id: o.id, name: o.name, firm: o.firm?.name ?? "" })),
    attempts: attempts.map((a) => ({ ...a, kind: a.kind as QuizKind })),
    answers,
  };
}
