import type { Db } from "~/db/db.server";
import { catalogue } from "~/modules/content/catalogue.server";
import type { DemoProgramme } from "./demo-programme";
import { generateDemoLearning } from "./learning";

type Tx = Pick<Db, "moduleProgress" | "quizAttempt" | "quizAnswer">;

/** Writes the demo owners' progress, quiz attempts and answers (inside the demo loader's transaction). */
export async function loadDemoLearning(tx: Tx, demo: DemoProgramme): Promise<void> {
  const quizzes = catalogue().map((m) => ({ slug: m.slug, version: m.version, questions: m.quiz.questions }));
  const { progress, attempts, answers } = generateDemoLearning(demo, quizzes);
  await tx.moduleProgress.createMany({ data: progress });
  await tx.quizAttempt.createMany({ data: attempts });
  await tx.quizAnswer.createMany({ data: answers });
}
