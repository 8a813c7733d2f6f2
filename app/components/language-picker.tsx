import { useTranslation } from "~/i18n/react";
import { Form, useLocation } from "react-router";
import { LANGUAGES } from "~/i18n/languages";

/**
 * One tap changes the language, on every page, with or without JavaScript. Each language is
 * named in its own script so that a person finds theirs without reading the current one.
 * The whole document reloads so that the new language's texts come with it.
 */
export function LanguagePicker({ current }: { current: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/language" reloadDocument className="language-picker" aria-label={t("language.choose")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LANGUAGES.map((language) => (
        <button
          key={language.code}
          type="submit"
          name="language"
          value={language.code}
          lang={language.code}
          aria-pressed={language.code === current}
          className="language-picker__option"
        >
          {language.name}
        </button>
      ))}
    </Form>
  );
}
