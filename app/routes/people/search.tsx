import { Form, Link } from "react-router";
import { forbidden, requireUser } from "~/auth/guards.server";
import { PageTitle } from "~/components/page-title";
import { OwnerPhones } from "~/components/phone-link";
import { useTranslation } from "~/i18n/react";
import { parseSearch, SEARCH_LIMIT, SEARCH_MAX_LENGTH } from "~/modules/people/search";
import { isStaff, searchableCohorts, searchFirms } from "~/modules/people/search.server";
import type { Route } from "./+types/search";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  if (!isStaff(user)) forbidden();
  const raw = (new URL(args.request.url).searchParams.get("q") ?? "").slice(0, SEARCH_MAX_LENGTH);
  const query = parseSearch(raw);
  const [result, cohorts] = await Promise.all([query ? searchFirms(user, query) : null, searchableCohorts(user)]);
  return { raw, tooShort: raw.trim() !== "" && query === null, result, cohorts };
}

/** Staff find a business or an owner by name, business name or phone, and call them in one tap. */
export default function Search({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { raw, tooShort, result, cohorts } = loaderData;
  return (
    <div className="stack">
      <PageTitle>{raw ? `${t("bulk.search.title")}: ${raw}` : t("bulk.search.title")}</PageTitle>
      <h1>{t("bulk.search.title")}</h1>
      <Form method="get" role="search" className="card stack">
        <div className="field">
          <label htmlFor="search-q">{t("bulk.search.label")}</label>
          <p id="search-q-hint" className="field__hint">
            {t("bulk.search.hint")}
          </p>
          <input id="search-q" name="q" type="search" defaultValue={raw} maxLength={SEARCH_MAX_LENGTH} aria-describedby={tooShort ? "search-q-hint search-q-error" : "search-q-hint"} aria-invalid={tooShort || undefined} />
          {tooShort ? (
            <ul id="search-q-error" className="field__errors">
              <li>{t("bulk.search.tooShort")}</li>
            </ul>
          ) : null}
        </div>
        <button type="submit" className="button button--primary">
          {t("bulk.search.submit")}
        </button>
      </Form>
      {result ? (
        <section className="stack" aria-labelledby="search-results">
          <div role="status">
            <h2 id="search-results">{result.firms.length === 0 ? t("bulk.search.none", { query: raw.trim() }) : t("bulk.search.results", { count: result.firms.length })}</h2>
          </div>
          {result.more ? <p>{t("bulk.search.more", { count: SEARCH_LIMIT })}</p> : null}
          <ul className="plain-list stack" data-testid="search-results">
            {result.firms.map((f) => (
              <li key={f.id} className="card stack found-firm">
                <h3>
                  <Link to={`/firms/${f.id}/visits`}>{f.name}</Link>
                </h3>
                <p className="muted">
                  {f.clusterName}
                  {f.cohorts.map((c) => ` · ${c.name}`).join("")}
                </p>
                <OwnerPhones owners={f.owners} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {cohorts.length > 0 ? (
        <section className="stack" aria-labelledby="to-call-title">
          <h2 id="to-call-title">{t("bulk.search.toCallLink")}</h2>
          <ul className="plain-list stack">
            {cohorts.map((c) => (
              <li key={c.id}>
                <Link to={`/cohorts/${c.id}/to-call`}>
                  {c.name} <span className="muted">· {c.programme.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
