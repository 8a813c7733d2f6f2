import { useState } from "react";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "react-router";
import { getUser } from "~/auth/guards.server";
import { sessionMiddleware } from "~/auth/session.server";
import { requestGuardMiddleware } from "~/http/request-guard.server";
import { ErrorPage } from "~/components/error-page";
import { useNonce } from "~/http/nonce";
import { outageMiddleware, rememberLanguageMiddleware } from "~/http/outage.server";
import { SiteHeader } from "~/components/site-header";
import { revalidateUnlessQueued } from "~/offline/outbox";
import { OutboxStatus } from "~/offline/outbox-status";
import { getLanguage, i18nextMiddleware } from "~/i18n/i18next.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/i18n/languages";
import { TranslationProvider, useTexts } from "~/i18n/react";
import { textsForMatches, textsUrl } from "~/i18n/texts";
import { textsVersion } from "~/i18n/texts.server";
import type { Route } from "./+types/root";
import "./styles/app.css";

// Before the session, the database outage handling (app/http/outage.server.ts); the session next:
// the language detector reads the person's own setting from it; then the language cookie kept in
// step; the request guard (origin, body size) last, so that its refusal page is in the person's
// language.
export const middleware: Route.MiddlewareFunction[] = [
  outageMiddleware,
  sessionMiddleware,
  i18nextMiddleware,
  rememberLanguageMiddleware,
  requestGuardMiddleware,
];

export function loader({ context }: Route.LoaderArgs) {
  const detected = getLanguage(context);
  const language = isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
  return { language, textsVersion, user: getUser({ context }) };
}

/** A form kept on the phone (offline) has not reached the server: asking it for fresh data would fail. */
export const shouldRevalidate = revalidateUnlessQueued;

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  // The texts of this page's routes (their `handle.texts`) in the person's language: the HTML
  // names them for entry.client; a client navigation to a page needing more waits here for them.
  const paths = textsForMatches(useMatches());
  const { translator, language } = useTexts(data?.language, paths);
  const { t } = translator;
  // Only the first page's texts are named in the HTML (later ones load through useTexts): kept
  // as they were, so that a navigation does not make the browser preload a file nobody reads.
  const [texts] = useState(() => textsUrl(language, paths, data?.textsVersion));
  const nonce = useNonce();
  return (
    <html lang={language} data-texts={texts}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1f4e3d" />
        <Meta />
        <link rel="preload" as="fetch" href={texts} crossOrigin="anonymous" />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t("app.skipToContent")}
        </a>
        <TranslationProvider translator={translator}>
          <SiteHeader user={data?.user ?? null} language={language} />
          <main id="main" className="page">
            <OutboxStatus />
            {children}
          </main>
        </TranslationProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
