import { createHash } from "node:crypto";
import type { Language } from "./languages";
import { translations } from "./locales";

/**
 * The browser's copy of a language's texts, served as one JSON file whose URL carries a hash
 * of its content: cached for good, fetched again only when the texts change.
 */
const bodies = new Map<Language, { json: string; version: string }>();

export function dictionaryOf(language: Language): { json: string; version: string } {
  let entry = bodies.get(language);
  if (!entry) {
    const json = JSON.stringify(translations[language]);
    entry = { json, version: createHash("sha256").update(json).digest("hex").slice(0, 12) };
    bodies.set(language, entry);
  }
  return entry;
}

export function dictionaryUrl(language: Language): string {
  return `/locales/${language}.json?v=${dictionaryOf(language).version}`;
}
