import { createContext, type ReactNode, use, useContext, useMemo } from "react";
import { createTranslator, type Texts, type Translator } from "./texts";

/**
 * Where the texts come from. On the server: every language, complete (texts.server.ts). In the
 * browser: the first page's texts, fetched before React starts, and whatever later pages
 * fetched (texts.client.ts).
 */
export interface TextsStore {
  /** The language of a page rendered without the root loader's data (an error before it ran). */
  fallbackLanguage: string;
  /** The texts of `language` held so far. A new object after each load. */
  texts(language: string): Texts;
  /** Which of `paths` are not held yet for `language`. */
  missing(language: string, paths: readonly string[]): string[];
  /** Fetches them; settles once they are held (on failure, the page loads afresh from the server). */
  load(language: string, paths: readonly string[]): Promise<void>;
}

const StoreContext = createContext<TextsStore | null>(null);
const TranslatorContext = createContext<Translator | null>(null);

export function TextsStoreProvider({ store, children }: { store: TextsStore; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

function useStore(): TextsStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("TextsStoreProvider is missing (entry.server / entry.client)");
  return store;
}

/**
 * The page's texts, from the root layout. During a client navigation to a page that needs
 * sections not held yet, this suspends: React keeps the current page on screen until they have
 * arrived, so a raw key never shows.
 */
export function useTexts(language: string | undefined, paths: readonly string[]) {
  const store = useStore();
  const lng = language ?? store.fallbackLanguage;
  const missing = store.missing(lng, paths);
  if (missing.length > 0) use(store.load(lng, missing));
  const texts = store.texts(lng);
  const translator = useMemo(() => createTranslator(lng, texts), [lng, texts]);
  return { translator, language: lng };
}

export function TranslationProvider({ translator, children }: { translator: Translator; children: ReactNode }) {
  return <TranslatorContext value={translator}>{children}</TranslatorContext>;
}

/** `const { t } = useTranslation()`, as with react-i18next; `i18n` has `language` and `exists`. */
export function useTranslation(): { t: Translator["t"]; i18n: Translator } {
  const translator = useContext(TranslatorContext);
  if (!translator) throw new Error("useTranslation outside the root layout's TranslationProvider");
  return { t: translator.t, i18n: translator };
}
