import { useTranslation } from "react-i18next";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "react-router";
import { getUser } from "~/auth/guards.server";
import { sessionMiddleware } from "~/auth/session.server";
import { ErrorPage } from "~/components/error-page";
import { SiteHeader } from "~/components/site-header";
import { revalidateUnlessQueued } from "~/offline/outbox";
import { OutboxStatus } from "~/offline/outbox-status";
import { dictionaryUrl } from "~/i18n/dictionary.server";
import { getLanguage, i18nextMiddleware } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
import { useLanguageSync } from "~/i18n/use-language-sync";
import type { Route } from "./+types/root";
import "./styles/app.css";

// The session first: the language detector reads the person's own setting from it.
export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware, i18nextMiddleware];

export function loader({ context }: Route.LoaderArgs) {
  const detected = getLanguage(context);
  const language = isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
  return { language, dictionaryUrl: dictionaryUrl(language), user: getUser({ context }) };
}

/** A form kept on the phone (offline) has not reached the server: asking it for fresh data would fail. */
export const shouldRevalidate = revalidateUnlessQueued;

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, i18n } = useTranslation();
  const language = data?.language ?? i18n.language ?? DEFAULT_LANGUAGE;
  return (
    <html lang={language} data-dictionary={data?.dictionaryUrl}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1f4e3d" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t("app.skipToContent")}
        </a>
        <SiteHeader user={data?.user ?? null} language={language} />
        <main id="main" className="page">
          <OutboxStatus />
          {children}
        </main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App({ loaderData }: Route.ComponentProps) {
  useLanguageSync(loaderData.language, loaderData.dictionaryUrl);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
