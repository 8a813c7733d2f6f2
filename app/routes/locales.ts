import { dictionaryOf } from "~/i18n/dictionary.server";
import { isLanguage } from "~/i18n/languages";
import type { Route } from "./+types/locales";

export function loader({ params, request }: Route.LoaderArgs) {
  const language = params.lng.replace(/\.json$/, "");
  if (!isLanguage(language)) return new Response("Unknown language", { status: 404 });
  const { json, version } = dictionaryOf(language);
  const versioned = new URL(request.url).searchParams.get("v") === version;
  return new Response(json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "no-cache",
      ETag: `"${version}"`,
    },
  });
}
