import i18next, { type i18n } from "i18next";
import { createCookie, type RouterContextProvider } from "react-router";
import { createI18nextMiddleware } from "remix-i18next/middleware";
import { loadSession } from "~/auth/session.server";
import { secureCookies } from "~/env.server";
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_CODES } from "./languages";
import { resources } from "./locales";

/** The language chosen on this phone before (or without) signing in. One year: the choice sticks. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: secureCookies(),
  maxAge: 60 * 60 * 24 * 365,
});

const [i18nextMiddleware, getLocaleFromContext, getInstanceFromContext] = createI18nextMiddleware({
  detection: {
    supportedLanguages: [...LANGUAGE_CODES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: languageCookie,
    // The person's own setting first, then this phone's cookie, then the browser's languages.
    order: ["custom", "cookie", "header"],
    async findLocale(request) {
      // With the database down the phone's language cookie, then its browser languages, decide.
      const session = await loadSession(request).catch(() => null);
      return session && isLanguage(session.user.language) ? session.user.language : null;
    },
  },
  i18next: { resources, fallbackLng: DEFAULT_LANGUAGE, interpolation: { escapeValue: false } },
});

export { i18nextMiddleware };

// URLs that no route matches (e.g. /favicon.ico) never ran the middleware: fall back to a
// default instance instead of throwing, or a 404 would become a 500.
let fallback: i18n | undefined;
function fallbackInstance(): i18n {
  if (!fallback) {
    fallback = i18next.createInstance();
    void fallback.init({
      resources,
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  }
  return fallback;
}

export function getLanguage(context: Readonly<RouterContextProvider>): string {
  try {
    return getLocaleFromContext(context);
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function getI18n(context: Readonly<RouterContextProvider>): i18n {
  try {
    return getInstanceFromContext(context);
  } catch {
    return fallbackInstance();
  }
}

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: (typeof resources)["en"];
  }
}
