import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { getUser } from "~/auth/guards.server";
import { getLanguage } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
import { catalogue, lessonFor } from "~/modules/content/catalogue.server";
import { programmeOverviews } from "~/modules/programmes/overview.server";
import type { Route } from "./+types/home";

export const meta: Route.MetaFunction = () => [{ title: "Kaizen LMS" }];

export async function loader({ context }: Route.LoaderArgs) {
  const user = getUser({ context });
  if (!user) return { user: null, programmes: [], lessons: [] };
  const detected = getLanguage(context);
  const language = isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
  const lessons = catalogue().map((module) => {
    const { lesson } = lessonFor(module, language);
    return { slug: module.slug, order: module.order, title: lesson.frontmatter.title, summary: lesson.frontmatter.summary, minutes: lesson.frontmatter.minutes };
  });
  return { user, programmes: await programmeOverviews(user), lessons };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { user, programmes, lessons } = loaderData;
  if (!user) {
    return (
      <section className="narrow stack welcome">
        <h1>{t("home.welcomeTitle")}</h1>
        <p>{t("home.welcomeBody")}</p>
        <p>{t("home.signInPrompt")}</p>
        <p>
          <Link to="/sign-in" className="button button--primary">
            {t("nav.signIn")}
          </Link>
        </p>
        <p>{t("home.joinPrompt")}</p>
        <p>
          <Link to="/join" className="button">
            {t("nav.join")}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <div className="stack">
      <h1>{t("home.greeting", { name: user.name })}</h1>
      {user.isAdmin ? (
        <p>
          <Link to="/admin" className="button">
            {t("home.adminTitle")}
          </Link>
        </p>
      ) : null}
      <section aria-labelledby="programmes-title" className="stack">
        <h2 id="programmes-title">{t("home.yourProgrammes")}</h2>
        {programmes.length === 0 ? <p>{t("home.noProgrammes")}</p> : null}
        {programmes.map((programme) => (
          <article key={programme.id} className="card">
            <h3>{programme.name}</h3>
            <p className="muted">
              {programme.organisation} · {programme.roles.map((role) => t(`roles.${role}`)).join(", ")}
            </p>
            {programme.isDemo ? <p className="demo-badge">{t("app.demoData")}</p> : null}
            {programme.cohorts.length > 0 ? (
              <ul className="plain-list">
                {programme.cohorts.map((cohort) => (
                  <li key={cohort.id}>
                    {cohort.name}: {t("home.firms", { count: cohort.firms })}
                  </li>
                ))}
              </ul>
            ) : null}
            {programme.roles.includes("manager") ? (
              <p>
                <Link to={`/programmes/${programme.id}/invitations`}>{t("home.manageInvitations")}</Link>
              </p>
            ) : null}
          </article>
        ))}
      </section>
      {lessons.length > 0 ? (
        <section aria-labelledby="lessons-title" className="stack">
          <h2 id="lessons-title">{t("home.lessonsTitle")}</h2>
          <ol className="lesson-list">
            {lessons.map((lesson) => (
              <li key={lesson.slug}>
                <Link to={`/lessons/${lesson.slug}`} className="lesson-list__link">
                  <span className="lesson-list__title">{lesson.title}</span>
                  <span className="lesson-list__summary">{lesson.summary}</span>
                  <span className="muted">{t("home.lessonMinutes", { count: lesson.minutes })}</span>
                </Link>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
