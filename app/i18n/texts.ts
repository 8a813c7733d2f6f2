import type { Translation } from "./locales/en";

/**
 * The interface texts as the pages use them: a small translator (interpolation and plurals, all
 * this app needs) and the parts of a dictionary a page asks for. Pure: no React, no locale files
 * (only their type), so the browser bundle carries none of the dictionaries and no i18n library.
 * See docs/decisions/0010-texts-per-page.md.
 */

/** One top-level part of the dictionary ("lesson", "learning", "screening", ...). */
export type Section = keyof Translation;

/** Every section, for pages that do not say what they need. Checked against the English source below. */
export const SECTIONS = [
  "attendance",
  "roster",
  "setup",
  "screening",
  "corrections",
  "calibration",
  "app",
  "offline",
  "nav",
  "language",
  "roles",
  "sectors",
  "countries",
  "home",
  "signIn",
  "join",
  "account",
  "form",
  "errors",
  "lesson",
  "admin",
  "invitations",
  "learning",
  "coaching",
  "accounts",
  "limits",
  "bulk",
  "experiments",
] as const satisfies readonly Section[];
// A section added to en.ts and not listed above is a type error here.
type Unlisted = Exclude<Section, (typeof SECTIONS)[number]>;
const everySectionListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everySectionListed;

/** What every page shows: the header, the language picker, the offline line, the error page. */
export const COMMON_SECTIONS = ["app", "errors", "language", "nav", "offline", "roles", "limits"] as const satisfies readonly Section[];

type PluralSuffix = "zero" | "one" | "two" | "few" | "many" | "other";
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** A text's key as the pages write it: "lesson.activity", "home.firms" (for firms_one/firms_other). */
export type TextKey<T = Translation> = {
  [K in keyof T & string]: T[K] extends string ? WithoutPlural<K> : `${K}.${TextKey<T[K]>}`;
}[keyof T & string];

type Group<T> = { [K in keyof T & string]: T[K] extends string ? never : K | `${K}.${Group<T[K]>}` }[keyof T & string];

/** What a route may ask for: a section, a group inside one, or a single text. */
export type TextPath = Group<Translation> | TextKey;

/** A route module's `handle`: the texts its page shows besides the common ones. */
export type TextsHandle = { texts: readonly TextPath[] };

export type TextOptions = { count?: number; defaultValue?: string } & Record<string, unknown>;
export type TFunction = (key: TextKey, options?: TextOptions) => string;

/** Some sections of one language's dictionary, possibly only parts of them. */
export type Texts = { [key: string]: string | Texts };

export interface Translator {
  language: string;
  t: TFunction;
  exists: (key: string) => boolean;
}

function lookup(texts: Texts, key: string): string | undefined {
  let node: string | Texts | undefined = texts;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/**
 * i18next's rules for what this app uses: `{{name}}` placeholders (not escaped: React escapes),
 * `_one`/`_other`... by the language's plural rules when `count` is given, the key itself when a
 * text is missing, and a placeholder without a value left as it is.
 */
export function createTranslator(language: string, texts: Texts): Translator {
  const plurals = new Intl.PluralRules(language);
  const find = (key: string, count: unknown) =>
    typeof count === "number"
      ? (lookup(texts, `${key}_${plurals.select(count)}`) ?? lookup(texts, `${key}_other`) ?? lookup(texts, key))
      : lookup(texts, key);
  const t: TFunction = (key, options) => {
    const text = find(key, options?.count) ?? options?.defaultValue ?? key;
    if (!options) return text;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => {
      const value = options[name];
      return value === undefined || value === null ? placeholder : String(value);
    });
  };
  return { language, t, exists: (key) => find(key, undefined) !== undefined || find(key, 1) !== undefined };
}

/** The part of `texts` that `path` names; a plural key brings all its forms. */
export function pick(texts: Texts, path: string, into: Texts = {}): Texts {
  const parts = path.split(".");
  const last = parts.pop()!;
  let from: string | Texts | undefined = texts;
  let to = into;
  for (const part of parts) {
    from = typeof from === "object" ? from[part] : undefined;
    if (typeof from !== "object") return into;
    const next = to[part];
    to = to[part] = typeof next === "object" ? next : {};
  }
  for (const [key, value] of Object.entries(from)) {
    if (key === last || (key.startsWith(`${last}_`) && /^(zero|one|two|few|many|other)$/.test(key.slice(last.length + 1)))) {
      to[key] = value;
    }
  }
  return into;
}

/** `a` with `b`'s texts added (a new object: a translator made from `a` keeps seeing `a`). */
export function merge(a: Texts, b: Texts): Texts {
  const out: Texts = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    out[key] = typeof value === "object" && typeof mine === "object" ? merge(mine, value) : value;
  }
  return out;
}

/** Whether `path` is inside one of `loaded` (a path counts as loaded with any of its parents). */
export function covers(loaded: Iterable<string>, path: string): boolean {
  for (const have of loaded) if (path === have || path.startsWith(`${have}.`)) return true;
  return false;
}

/**
 * The texts a page needs: the common ones, plus what each matched route declares in its
 * `handle.texts`. A route that declares nothing gets every section, so a page is never short of
 * a text; the owners' pages, which must stay small, declare theirs.
 */
export function textsForMatches(matches: readonly { id: string; handle?: unknown }[]): string[] {
  const paths = new Set<string>(COMMON_SECTIONS);
  for (const match of matches) {
    if (match.id === "root") continue;
    const declared = (match.handle as Partial<TextsHandle> | undefined)?.texts;
    for (const path of declared ?? SECTIONS) paths.add(path);
  }
  // Drop what a wider path already brings, and sort: the same page asks for the same URL.
  return [...paths].filter((path) => ![...paths].some((other) => other !== path && path.startsWith(`${other}.`))).sort();
}

/**
 * Where the browser gets these texts: one small JSON file per language and set of paths,
 * cached for good while `version` (a hash of all the texts) is the current one.
 */
export function textsUrl(language: string, paths: readonly string[], version: string | undefined): string {
  return `/locales/${language}.json?s=${[...paths].sort().join(",")}${version ? `&v=${version}` : ""}`;
}
