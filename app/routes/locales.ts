import { isLanguage } from "~/i18n/languages";
import { isTextPath, textsOf, textsVersion } from "~/i18n/texts.server";
import { SECTIONS } from "~/i18n/texts";
import type { Route } from "./+types/locales";

/**
 * Texts for pages reached by a client navigation: `/locales/<lng>.json?s=lesson,learning&v=<version>`
 * (without `s`, every section). With the current version in the URL it is cached for good.
 */
export function loader({ params, request }: Route.LoaderArgs) {
  const language = params.lng.replace(/\.json$/, "");
  if (!isLanguage(language)) return new Response("Unknown language", { status: 404 });
  const search = new URL(request.url).searchParams;
  const paths = search.get("s")?.split(",").filter(Boolean) ?? [...SECTIONS];
  if (paths.length === 0 || !paths.every(isTextPath)) return new Response("Unknown texts", { status: 400 });
  const versioned = search.get("v") === textsVersion;
  return new Response(JSON.stringify(textsOf(language, paths)), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "no-cache",
      ETag: `"${textsVersion}"`,
    },
  });
}
