import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/**
 * The browser holds one language's texts. When the page's language changes without a full load
 * (signing in as someone whose setting differs), fetch the new texts and switch to them.
 */
export function useLanguageSync(language: string, dictionaryUrl: string | undefined) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!dictionaryUrl || i18n.language === language) return;
    let cancelled = false;
    fetch(dictionaryUrl)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`${response.status}`))))
      .then((texts) => {
        if (cancelled) return;
        i18n.addResourceBundle(language, "translation", texts, true, true);
        return i18n.changeLanguage(language);
      })
      .catch(() => {
        // Without the texts, a full load gives the server-rendered page in the right language.
        if (!cancelled) window.location.reload();
      });
    return () => {
      cancelled = true;
    };
  }, [language, dictionaryUrl, i18n]);
}
