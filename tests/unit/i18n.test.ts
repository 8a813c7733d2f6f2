import { describe, expect, it } from "vitest";
import { LANGUAGE_CODES } from "~/i18n/languages";
import { translations } from "~/i18n/locales";

/** Every key of the English source, as dotted paths, with its text. */
function flatten(tree: Record<string, unknown>, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value as Record<string, unknown>, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const english = flatten(translations.en);

describe.each(LANGUAGE_CODES.filter((code) => code !== "en"))("the %s interface texts", (code) => {
  const texts = flatten(translations[code]);

  it("have every key of the English source and no other", () => {
    expect([...texts.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english.keys()].filter((key) => !texts.has(key))).toEqual([]);
  });

  it("are translated, not left empty or in English", () => {
    const empty = [...texts].filter(([, text]) => text.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
    // Names and codes may stay the same in every language; sentences may not.
    const untranslated = [...texts]
      .filter(([key, text]) => text === english.get(key) && text.split(" ").length > 2)
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it("keep the same {{placeholders}} as English", () => {
    const wrong = [...texts].filter(([key, text]) => placeholders(text).join() !== placeholders(english.get(key) ?? "").join()).map(([key]) => key);
    expect(wrong).toEqual([]);
  });
});
