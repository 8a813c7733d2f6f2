import type { SessionUser } from "~/auth/roles";
import type { Language } from "~/i18n/languages";
import { catalogue, lessonFor } from "~/modules/content/catalogue.server";
import { learningStatus, nextClassSession } from "./learning.server";

/** The owner part of the home page: every module with its state and scores, and the next class. */
export async function ownerHome(user: SessionUser & { firmId?: string | null }, language: Language) {
  const modules = catalogue();
  const [status, nextClass] = await Promise.all([learningStatus(user.id, modules), nextClassSession(user.firmId ?? null)]);
  const lessons = modules.map((module) => {
    const { lesson } = lessonFor(module, language);
    const own = status.get(module.slug)!;
    return {
      slug: module.slug,
      order: module.order,
      title: lesson.frontmatter.title,
      summary: lesson.frontmatter.summary,
      minutes: lesson.frontmatter.minutes,
      state: own.state,
      steps: own.steps,
      pre: own.result.pre,
      post: own.result.firstPost,
      best: own.result.bestPost,
      gain: own.result.gain,
    };
  });
  return { lessons, nextClass: nextClass ? { ...nextClass, date: nextClass.date.toISOString() } : null };
}

export type OwnerHome = Awaited<ReturnType<typeof ownerHome>>;
