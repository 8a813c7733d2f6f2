import type { TextsStore } from "./react";
import { covers, merge, type Texts, textsUrl } from "./texts";

async function fetchTexts(url: string): Promise<Texts> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as Texts;
}

/**
 * The browser's texts: the first page's own (the URL its HTML names in `data-texts`, preloaded),
 * then whatever sections later pages need, fetched once per language and set of sections and
 * cached for good; the service worker keeps them for offline use. Rejects when the first page's
 * texts cannot be fetched: the page then stays the server's HTML.
 */
export async function loadClientTextsStore(): Promise<TextsStore> {
  const root = document.documentElement;
  const url = root.dataset.texts;
  if (!url) throw new Error("the page names no texts (data-texts)");
  const first = new URL(url, location.href);
  const version = first.searchParams.get("v") ?? undefined;
  const language = root.lang || "en";
  const held = new Map<string, { texts: Texts; paths: Set<string> }>([
    [language, { texts: await fetchTexts(url), paths: new Set(first.searchParams.get("s")?.split(",") ?? []) }],
  ]);
  const loading = new Map<string, Promise<void>>();
  const entry = (lng: string) => {
    let found = held.get(lng);
    if (!found) held.set(lng, (found = { texts: {}, paths: new Set() }));
    return found;
  };

  return {
    fallbackLanguage: language,
    texts: (lng) => entry(lng).texts,
    missing: (lng, paths) => paths.filter((path) => !covers(entry(lng).paths, path)),
    load(lng, paths) {
      const next = textsUrl(lng, paths, version);
      let promise = loading.get(next);
      if (!promise) {
        promise = fetchTexts(next)
          .then((texts) => {
            const mine = entry(lng);
            mine.texts = merge(mine.texts, texts);
            for (const path of paths) mine.paths.add(path);
          })
          .catch(() => {
            // Offline with these texts never fetched: a full load gives the page from the
            // server, or the service worker's copy. Until then the current page stays.
            window.location.reload();
            return new Promise<void>(() => {});
          });
        loading.set(next, promise);
      }
      return promise;
    },
  };
}
