import type { Language } from "../languages";
import am from "./am";
import en, { type Translation } from "./en";
import sw from "./sw";
import vi from "./vi";

export const translations: Record<Language, Translation> = { en, sw, am, vi };

/** i18next resources: one namespace, `translation`, per language. */
export const resources = {
  en: { translation: en },
  sw: { translation: sw },
  am: { translation: am },
  vi: { translation: vi },
};
