import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { Form, Link, redirect } from "react-router";
import { notFound, requireUser } from "~/auth/guards.server";
import { getI18n, getLanguage } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
import { catalogue, findModule, lessonFor } from "~/modules/content/catalogue.server";
import { lessonHtml } from "~/modules/content/compile.server";
import { learningStatus, markDone, markReading } from "~/modules/learning/learning.server";
import type { Route } from "./+types/lesson";
import { PageTitle } from "~/components/page-title";

// Texts this page shows besides the common ones (the loader translates the lesson's own labels).
export const handle: TextsHandle = { texts: ["lesson", "learning"] };

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const module = findModule(args.params.slug);
  if (!module) notFound();
  const detected = getLanguage(args.context);
  const language = isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
  const { lesson, fallback } = lessonFor(module, language);
  const { t } = getI18n(args.context);
  const html = await lessonHtml(
    module,
    lesson,
    {
      activity: t("lesson.activity"),
      keyPoint: t("lesson.keyPoint"),
      exampleFrom: (sector) =>
        t("lesson.exampleFrom", {
          sector: sector === "any" || !(sector in SECTOR_KEYS) ? t("lesson.anySector") : t(SECTOR_KEYS[sector as keyof typeof SECTOR_KEYS]),
        }),
    },
    language,
  );
  const status = (await learningStatus(user.id, [module])).get(module.slug)!;
  if (!status.opened) await markReading(user.id, module);
  const modules = catalogue();
  const at = modules.findIndex((m) => m.slug === module.slug);
  const neighbour = (index: number) => {
    const other = modules[index];
    return other ? { slug: other.slug, title: lessonFor(other, language).lesson.frontmatter.title } : null;
  };
  return {
    slug: module.slug,
    order: module.order,
    lessonLanguage: lesson.language,
    fallback,
    frontmatter: lesson.frontmatter,
    html,
    done: status.state === "read" || status.state === "completed",
    result: status.result,
    previous: neighbour(at - 1),
    next: neighbour(at + 1),
  };
}

/** "I have read this lesson": recorded once, then on to the post-test. */
export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const module = findModule(args.params.slug);
  if (!module) notFound();
  await markDone(user.id, module);
  throw redirect(`/lessons/${module.slug}/quiz/post`);
}

const SECTOR_KEYS = { metalwork: "sectors.metalwork", garment: "sectors.garment", shoes_leather: "sectors.shoes_leather" } as const;


export default function LessonPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { slug, frontmatter, html, fallback, lessonLanguage, order, done, result, previous, next } = loaderData;
  return (
    <article className="lesson">
      <p className="lesson__eyebrow">
        <Link to="/">{t("lesson.allLessons")}</Link> · {t("lesson.moduleNumber", { number: order })}
      </p>
      {fallback ? (
        <p className="notice" role="note">
          {t("lesson.fallbackNotice")}
        </p>
      ) : null}
      {result.pre === null && result.firstPost === null && !done ? (
        <aside className="card stack quiz-prompt" aria-label={t("learning.preTestTitle")}>
          <p>{t("learning.preTestPrompt")}</p>
          <p>
            <Link to={`/lessons/${slug}/quiz/pre`} className="button button--primary">
              {t("learning.takePreTest")}
            </Link>
          </p>
        </aside>
      ) : null}
      {result.pre !== null ? <p className="muted">{t("learning.preTestScore", { score: result.pre })}</p> : null}
      <div lang={lessonLanguage}>
        <PageTitle>{frontmatter.title}</PageTitle>
        <h1>{frontmatter.title}</h1>
        <p className="lesson__minutes">{t("lesson.minutes", { count: frontmatter.minutes })}</p>
        <section className="lesson__objectives" aria-labelledby="objectives-title">
          <h2 id="objectives-title">{t("lesson.objectives")}</h2>
          <ul>
            {frontmatter.objectives.map((objective) => (
              <li key={objective}>{objective}</li>
            ))}
          </ul>
        </section>
        {/* Rendered once per module version on the server from our own content files. */}
        <div className="lesson__body" dangerouslySetInnerHTML={{ __html: html }} />
      </div>
      <section className="card stack quiz-prompt" id="next-step" aria-label={t("learning.postTestTitle")}>
        {result.firstPost !== null ? (
          <>
            <p data-testid="lesson-post-score">{t("learning.postTestScore", { score: result.firstPost })}</p>
            {result.bestPost !== null && result.bestPost > result.firstPost ? <p>{t("learning.bestScore", { score: result.bestPost })}</p> : null}
            <p>
              <Link to={`/lessons/${slug}/quiz/post`} className="button">
                {t("learning.retakePostTest")}
              </Link>
            </p>
          </>
        ) : done ? (
          <>
            <p>{t("learning.postTestPrompt")}</p>
            <p>
              <Link to={`/lessons/${slug}/quiz/post`} className="button button--primary">
                {t("learning.takePostTest")}
              </Link>
            </p>
          </>
        ) : (
          <Form method="post">
            <button type="submit" className="button button--primary">
              {t("learning.markDone")}
            </button>
          </Form>
        )}
      </section>
      <nav className="lesson-nav" aria-label={t("learning.lessonNavigation")}>
        {previous ? (
          <Link to={`/lessons/${previous.slug}`} rel="prev" className="lesson-nav__link">
            <span className="muted">← {t("learning.previous")}</span> {previous.title}
          </Link>
        ) : null}
        {next ? (
          <Link to={`/lessons/${next.slug}`} rel="next" className="lesson-nav__link lesson-nav__link--next">
            <span className="muted">{t("learning.next")} →</span> {next.title}
          </Link>
        ) : null}
      </nav>
    </article>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
