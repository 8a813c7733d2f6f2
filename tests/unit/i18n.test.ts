import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { LANGUAGE_CODES } from "~/i18n/languages";
import { translations } from "~/i18n/locales";
import { COMMON_SECTIONS, covers, createTranslator, pick, SECTIONS, type TextKey, type Texts, type TextsHandle, textsForMatches } from "~/i18n/texts";

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

// The browser and the server's pages translate with app/i18n/texts.ts, not i18next: it must give
// i18next's result (what the loaders and the old pages gave) for every text, count and placeholder.
describe.each(LANGUAGE_CODES)("the %s translator", (code) => {
  const reference = i18next.createInstance();
  void reference.init({ lng: code, resources: { [code]: { translation: translations[code] } }, interpolation: { escapeValue: false }, initAsync: false });
  const translator = createTranslator(code, translations[code] as unknown as Texts);
  const keys = [...new Set([...english.keys()].map((key) => key.replace(/_(zero|one|two|few|many|other)$/, "")))];

  it("gives i18next's text for every key, count and placeholder", () => {
    const differ: string[] = [];
    for (const key of keys) {
      const values = Object.fromEntries(placeholders(english.get(key) ?? english.get(`${key}_other`) ?? "").map((name) => [name, `‹${name}›`]));
      for (const options of [undefined, values, ...[0, 1, 2, 5, 21].map((count) => ({ ...values, count }))]) {
        const mine = translator.t(key as TextKey, options);
        const theirs = String(reference.t(key as never, options as never));
        if (mine !== theirs) differ.push(`${key} ${JSON.stringify(options)}: ${mine} ≠ ${theirs}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it("says which keys exist, and gives a missing key back as it is", () => {
    expect(translator.exists("form.required")).toBe(true);
    expect(translator.exists("home.firms")).toBe(true);
    expect(translator.exists("form.nothing")).toBe(false);
    expect(translator.t("form.nothing" as TextKey)).toBe("form.nothing");
    expect(translator.t("form.nothing" as TextKey, { defaultValue: "x" })).toBe("x");
  });
});

describe("the texts a page carries", () => {
  it("are the common sections plus what each route declares; a route that declares nothing gets all", () => {
    const root = { id: "root", handle: undefined };
    expect(textsForMatches([root, { id: "lesson", handle: { texts: ["lesson", "learning"] } }])).toEqual(
      [...COMMON_SECTIONS, "learning", "lesson"].sort(),
    );
    expect(textsForMatches([root, { id: "report", handle: undefined }])).toEqual([...SECTIONS].sort());
    // A single text inside a section already carried is not asked for twice.
    expect(textsForMatches([root, { id: "x", handle: { texts: ["nav.home", "learning", "learning.next"] } }])).toEqual(
      [...COMMON_SECTIONS, "learning"].sort(),
    );
  });

  it("pick single texts with all their plural forms", () => {
    expect(pick(translations.en as unknown as Texts, "home.firms")).toEqual({ home: { firms_one: "{{count}} business", firms_other: "{{count}} businesses" } });
    expect(pick(translations.en as unknown as Texts, "screening.mine.title")).toEqual({ screening: { mine: { title: translations.en.screening.mine.title } } });
  });

  // A route that declares its texts gets only those (and the common ones) in the browser: a text
  // it shows from anywhere else would be a raw key there. Checked on the route file and the
  // components and modules it imports from ~/components and ~/modules.
  const routeFiles = readdirSync("app/routes", { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".tsx"))
    .map((file) => join("app/routes", file));
  const declaring = routeFiles.filter((file) => /export const handle: TextsHandle/.test(readFileSync(file, "utf8")));

  it("are declared by the pages used on phones: owners', trainers' and the way in", () => {
    expect(declaring.map((file) => file.replace(/\\/g, "/")).sort()).toEqual(
      [
        "app/routes/attendance/classes.tsx",
        "app/routes/attendance/mine.tsx",
        "app/routes/attendance/roll-call.tsx",
        "app/routes/attendance/session-edit.tsx",
        "app/routes/auth/account.tsx",
        "app/routes/auth/join.tsx",
        "app/routes/auth/reset.tsx",
        "app/routes/auth/sign-in.tsx",
        "app/routes/coaching/firms.tsx",
        "app/routes/coaching/timeline.tsx",
        "app/routes/coaching/visit-edit.tsx",
        "app/routes/coaching/visit-form.tsx",
        "app/routes/experiments/results.tsx",
        "app/routes/experiments/setup.tsx",
        "app/routes/home.tsx",
        "app/routes/learning/attempt.tsx",
        "app/routes/learning/lesson.tsx",
        "app/routes/learning/quiz.tsx",
        "app/routes/programmes/people.tsx",
        "app/routes/screening/mine.tsx",
      ],
    );
  });

  it.each(declaring)("cover every text that %s shows", (file) => {
    const source = readFileSync(file, "utf8");
    const declared = /export const handle: TextsHandle = \{ texts: (\[[^\]]*\]) \}/.exec(source)?.[1];
    const carried = textsForMatches([{ id: "root" }, { id: file, handle: { texts: JSON.parse(declared ?? "null") } }]);
    const imported = [...source.matchAll(/from "~\/((?:components|modules)\/[^"]+)"/g)]
      .map((m) => `app/${m[1]}.tsx`)
      .filter((path) => existsSync(path));
    const shown = [source, ...imported.map((path) => readFileSync(path, "utf8"))].flatMap((text) =>
      [...text.matchAll(/\bt\(\s*["`]([a-zA-Z_]+\.[a-zA-Z_.]*?)(?:\$\{|["`])/g)].map((m) => m[1]!.replace(/\.$/, "")),
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((key) => !covers(carried, key))).toEqual([]);
  });
});
