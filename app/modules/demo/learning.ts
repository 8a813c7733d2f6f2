import type { DemoProgramme } from "./demo-programme";
import { seededRandom } from "./random";

/**
 * The demo owners' lessons and quizzes (../shared/DOMAIN.md): pre-tests around 40-55%, first
 * post-tests 65-85%, stored as real attempts with an answer per question. Each question has a
 * difficulty and a tempting wrong option, so the trainer's per-question table shows something to
 * re-teach. Most owners have done 4-10 modules, those who rarely come 0-2; the demo sign-in
 * accounts have done the first three only, leaving the rest to try. Pure and deterministic.
 */
export type DemoQuiz = { slug: string; version: string; questions: { id: string; answer: string; options: { id: string }[] }[] };

export type DemoLearning = {
  progress: { userId: string; moduleSlug: string; contentVersion: string; readingAt: Date; doneAt: Date }[];
  attempts: { id: string; clientId: string; userId: string; moduleSlug: string; kind: "pre" | "post"; contentVersion: string; correct: number; total: number; score: number; createdAt: Date }[];
  answers: { attemptId: string; questionId: string; optionId: string; correct: boolean }[];
};

const DAY = 24 * 60 * 60 * 1000;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

// With about 10-40 takers per module and cohort and six questions each, some seeds put a module's
// average just outside the ranges; this one keeps every module of both cohorts inside them.
export function generateDemoLearning(demo: DemoProgramme, quizzes: DemoQuiz[], seed = 4005): DemoLearning {
  const random = seededRandom(seed);
  const out: DemoLearning = { progress: [], attempts: [], answers: [] };
  // Per question: how much easier (+) or harder (-) it is, and the wrong option people fall for.
  const traits = new Map<string, { ease: number; tempting: string }>();
  for (const quiz of quizzes) {
    const eases = quiz.questions.map(() => random.normal(0, 0.1));
    // Centred per module, so that each module's averages land in the published ranges.
    const centre = eases.reduce((sum, e) => sum + e, 0) / eases.length;
    for (const [index, q] of quiz.questions.entries()) {
      const wrong = q.options.filter((o) => o.id !== q.answer);
      traits.set(q.id, { ease: eases[index]! - centre, tempting: random.pick(wrong).id });
    }
  }
  const owners = new Set(demo.memberships.filter((m) => m.role === "owner").map((m) => m.userId));
  let serial = 0;

  const attempt = (userId: string, quiz: DemoQuiz, kind: "pre" | "post", level: number, at: Date) => {
    const id = `demo_qa_${(serial++).toString(36)}`;
    // How many are right follows the level closely; which ones, the questions' ease.
    const n = quiz.questions.length;
    const k = clamp(Math.round(level * n + random.normal(0, 0.4)), 0, n);
    const ranked = quiz.questions.map((q) => ({ id: q.id, key: traits.get(q.id)!.ease + random.normal(0, 0.12) })).sort((a, b) => b.key - a.key);
    const rightIds = new Set(ranked.slice(0, k).map((r) => r.id));
    let correct = 0;
    for (const q of quiz.questions) {
      const trait = traits.get(q.id)!;
      const right = rightIds.has(q.id);
      let optionId = q.answer;
      if (!right) {
        const wrong = q.options.filter((o) => o.id !== q.answer);
        optionId = random.chance(0.6) ? trait.tempting : random.pick(wrong).id;
      }
      if (right) correct += 1;
      out.answers.push({ attemptId: id, questionId: q.id, optionId, correct: right });
    }
    const total = quiz.questions.length;
    out.attempts.push({ id, clientId: `demo-${id}`, userId, moduleSlug: quiz.slug, kind, contentVersion: quiz.version, correct, total, score: Math.round((100 * correct) / total), createdAt: at });
  };

  for (const person of demo.people) {
    if (!person.firmId || !owners.has(person.id)) continue;
    const firm = demo.firms.find((f) => f.id === person.firmId)!;
    const cohort = demo.cohorts.find((c) => c.id === firm.cohortId)!;
    const ability = random.normal(0, 1);
    const rarelyComes = random.chance(0.15);
    const modules = person.hasPassword ? 3 : rarelyComes ? random.int(0, 2) : random.int(4, quizzes.length);
    for (const [index, quiz] of quizzes.slice(0, modules).entries()) {
      const readingAt = new Date(cohort.startsOn.getTime() + index * 2 * DAY + (9 + random.int(0, 8)) * 60 * 60 * 1000);
      const doneAt = new Date(readingAt.getTime() + random.int(20, 180) * 60 * 1000);
      out.progress.push({ userId: person.id, moduleSlug: quiz.slug, contentVersion: quiz.version, readingAt, doneAt });
      if (person.hasPassword || random.chance(0.9)) attempt(person.id, quiz, "pre", clamp(0.47 + 0.05 * ability, 0.25, 0.7), new Date(readingAt.getTime() - 10 * 60 * 1000));
      const postLevel = clamp(0.75 + 0.06 * ability, 0.55, 0.92);
      attempt(person.id, quiz, "post", postLevel, new Date(doneAt.getTime() + 5 * 60 * 1000));
      if (random.chance(0.15)) attempt(person.id, quiz, "post", clamp(postLevel + 0.1, 0.5, 0.97), new Date(doneAt.getTime() + DAY));
    }
  }
  return out;
}
