import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { Link } from "react-router";
import { getUser } from "~/auth/guards.server";
import { getLanguage } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
// Learning (issue 4): the owner part of the home page
import { ownerHome } from "~/modules/learning/owner-home.server";
import { OwnerLearning } from "~/modules/learning/owner-learning";
import { programmeOverviews } from "~/modules/programmes/overview.server";
import { PageTitle } from "~/components/page-title";
import type { Route } from "./+types/home";

// Texts this page shows besides the common ones (an owner's phone gets only these): the links to
// each feature are single texts of that feature.
export const handle: TextsHandle = { texts: ["home", "learning", "attendance.classesTitle", "attendance.mineTitle", "coaching.title", "coaching.yourVisits", "roster.setupTitle", "screening.homeLink", "screening.mine.title", "accounts.titles.home", "accounts.emptyProgramme", "accounts.setUpNow", "accounts.peopleLink", "bulk.search.link", "experiments.homeLink"] };

export async function loader({ context }: Route.LoaderArgs) {
  const user = getUser({ context });
  if (!user) return { user: null, programmes: [], learning: null, language: DEFAULT_LANGUAGE };
  const detected = getLanguage(context);
  const language = isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
  const [programmes, learning] = await Promise.all([programmeOverviews(user), ownerHome(user, language)]);
  return { user, programmes, learning, language };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { user, programmes, learning, language } = loaderData;
  if (!user) {
    return (
      <section className="narrow stack welcome">
        <PageTitle>{t("home.welcomeTitle")}</PageTitle>
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
      <PageTitle>{t("accounts.titles.home")}</PageTitle>
      <h1>{t("home.greeting", { name: user.name })}</h1>
      {user.isAdmin ? (
        <p>
          <Link to="/admin" className="button">
            {t("home.adminTitle")}
          </Link>
        </p>
      ) : null}
      {/* Finding people: staff search across the classes they may see */}
      {user.isAdmin || programmes.some((p) => p.roles.includes("manager") || p.roles.includes("trainer")) ? (
        <p>
          <Link to="/search">{t("bulk.search.link")}</Link>
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
            {/* Accounts: what to do first in an empty programme; the people, roles and reset codes */}
            {programme.roles.includes("manager") && programme.cohorts.length === 0 ? (
              <div className="notice">
                <p>{t("accounts.emptyProgramme")}</p>
                <p>
                  <Link to={`/programmes/${programme.id}/setup`} className="button button--primary">
                    {t("accounts.setUpNow")}
                  </Link>
                </p>
              </div>
            ) : null}
            {programme.roles.includes("manager") || programme.roles.includes("trainer") ? (
              <p>
                <Link to={`/programmes/${programme.id}/people`}>{t("accounts.peopleLink")}</Link>
              </p>
            ) : null}
            {/* End of accounts */}
            {programme.roles.includes("manager") ? (
              <p>
                <Link to={`/programmes/${programme.id}/invitations`}>{t("home.manageInvitations")}</Link>
              </p>
            ) : null}
            {programme.roles.includes("manager") || programme.roles.includes("trainer") ? (
              <p>
                <Link to={`/programmes/${programme.id}/learning`}>{t("learning.reportLink")}</Link>
              </p>
            ) : null}
            {/* Coaching (issue 5): the trainer's firms; the owner's own visits */}
            {programme.roles.includes("trainer") ? (
              <p>
                <Link to="/coaching">{t("coaching.title")}</Link>
              </p>
            ) : null}
            {programme.roles.includes("owner") && user.firmId ? (
              <p>
                <Link to={`/firms/${user.firmId}/visits`}>{t("coaching.yourVisits")}</Link>
              </p>
            ) : null}
            {/* Class delivery (issue 3): classes and the roll for staff, set-up for managers, one's own attendance for owners */}
            {programme.roles.includes("manager") || programme.roles.includes("trainer") ? (
              <p>
                <Link to="/classes">{t("attendance.classesTitle")}</Link>
              </p>
            ) : null}
            {programme.roles.includes("manager") ? (
              <p>
                <Link to={`/programmes/${programme.id}/setup`}>{t("roster.setupTitle")}</Link>
              </p>
            ) : null}
            {programme.roles.includes("owner") ? (
              <p>
                <Link to="/my-attendance">{t("attendance.mineTitle")}</Link>
              </p>
            ) : null}
            {/* End of class delivery */}
            {/* Screening (issue 6): the ranked list for managers; an owner's own result */}
            {programme.roles.includes("manager") ? (
              <p>
                <Link to={`/programmes/${programme.id}/screening`}>{t("screening.homeLink")}</Link>
              </p>
            ) : null}
            {programme.roles.includes("owner") ? (
              <p>
                <Link to="/my-screening">{t("screening.mine.title")}</Link>
              </p>
            ) : null}
            {/* End of screening */}
            {/* Randomised evaluation (issue 15): set-up and results for managers */}
            {programme.roles.includes("manager") ? (
              <p>
                <Link to={`/programmes/${programme.id}/experiment`}>{t("experiments.homeLink")}</Link>
              </p>
            ) : null}
            {/* End of randomised evaluation */}
          </article>
        ))}
      </section>
      {learning ? <OwnerLearning {...learning} language={language} /> : null}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
