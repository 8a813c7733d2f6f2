import { PageTitle } from "~/components/page-title";
import { useTranslation } from "~/i18n/react";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";

/**
 * Every route's error boundary: says what happened in the person's language, never a stack
 * trace, and offers a way on.
 */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const reason = isRouteErrorResponse(error)
    ? (error.data as { reason?: string; limit?: string } | null)
    : null;
  const [title, body] =
    status === 413 || status === 411
      ? [
          t("limits.tooLargeTitle"),
          t("limits.tooLargeBody", { limit: reason?.limit ?? "" }),
        ]
      : status === 403 && reason?.reason === "crossSite"
        ? [t("limits.crossSiteTitle"), t("limits.crossSiteBody")]
        : status === 404
          ? [t("errors.notFoundTitle"), t("errors.notFoundBody")]
          : status === 403
            ? [t("errors.forbiddenTitle"), t("errors.forbiddenBody")]
            : status === 400
              ? [t("errors.badRequestTitle"), t("errors.badRequestBody")]
              : [t("errors.serverTitle"), t("errors.serverBody")];
  return (
    <section className="error-page" aria-labelledby="error-title">
      {/* Refused by the root middleware before any route's meta ran: the page names itself. */}
      {status === 413 || status === 411 || reason?.reason === "crossSite" ? <PageTitle>{title}</PageTitle> : null}
      <p className="error-page__status">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/" className="button">
          {t("errors.goHome")}
        </Link>
      </p>
    </section>
  );
}
