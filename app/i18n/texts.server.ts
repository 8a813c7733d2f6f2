import { createHash } from "node:crypto";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "./languages";
import { translations } from "./locales";
import type { TextsStore } from "./react";
import { pick, type Texts } from "./texts";

const all = translations as unknown as Record<Language, Texts>;

/** One version for all the texts: part of every texts URL, which is then cached for good. */
export const textsVersion = createHash("sha256").update(JSON.stringify(translations)).digest("hex").slice(0, 12);

/** Whether `path` names texts that exist (a section, a group, a key or a plural key). */
export function isTextPath(path: string): boolean {
  const hasText = (node: Texts): boolean => Object.values(node).some((value) => typeof value === "string" || hasText(value));
  return hasText(pick(all.en, path));
}

/** The named parts of one language's texts. */
export function textsOf(language: Language, paths: readonly string[]): Texts {
  const out: Texts = {};
  for (const path of paths) pick(all[language], path, out);
  return out;
}

/** The server holds every language, complete: nothing is ever missing. */
export const serverTextsStore: TextsStore = {
  fallbackLanguage: DEFAULT_LANGUAGE,
  texts: (language) => all[isLanguage(language) ? language : DEFAULT_LANGUAGE],
  missing: () => [],
  load: () => Promise.resolve(),
};
