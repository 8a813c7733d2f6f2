import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { notFound, requireUser } from "~/auth/guards.server";
import { getI18n, getLanguage } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
import { findModule, lessonFor } from "~/modules/content/catalogue.server";
import { lessonHtml } from "~/modules/content/compile.server";
import type { Route } from "./+types/lesson";

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
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
  return {
    slug: module.slug,
    version: module.version,
    order: module.order,
    lessonLanguage: lesson.language,
    fallback,
    frontmatter: lesson.frontmatter,
    html,
  };
}

const SECTOR_KEYS = { metalwork: "sectors.metalwork", garment: "sectors.garment", shoes_leather: "sectors.shoes_leather" } as const;

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.frontmatter.title} · Kaizen LMS` : "Kaizen LMS" }];

export default function LessonPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { frontmatter, html, fallback, lessonLanguage, order } = loaderData;
  return (
    <article className="lesson" lang={lessonLanguage}>
      <p className="lesson__eyebrow">
        <Link to="/">{t("lesson.allLessons")}</Link> · {t("lesson.moduleNumber", { number: order })}
      </p>
      {fallback ? (
        <p className="notice" role="note">
          {t("lesson.fallbackNotice")}
        </p>
      ) : null}
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
    </article>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
