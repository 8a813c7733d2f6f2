import { useTranslation } from "~/i18n/react";
import type { Language } from "~/i18n/languages";
import { CHECKLIST_GROUPS, type ChecklistItem } from "~/modules/coaching/checklist";

type Props = {
  items: readonly ChecklistItem[];
  language: Language;
  fields: Record<string, string>;
  errorText: (name: string) => string | null;
};

/** The practice checklist as big radio buttons: "not seen", then 0/1 or 0-2. */
export function ChecklistFields({ items, language, fields, errorText }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {CHECKLIST_GROUPS.map((group) => {
        const inGroup = items.filter((item) => item.group === group.key);
        if (inGroup.length === 0) return null;
        return (
          <fieldset key={group.key} className="checklist-group">
            <legend>{group.label[language]}</legend>
            {inGroup.map((item) => {
              const name = `item.${item.key}`;
              const current = fields[name] ?? "";
              const error = errorText(name);
              const choices = [
                { value: "", label: t("coaching.notSeen") },
                { value: "0", label: t("coaching.scoreNo") },
                { value: "1", label: item.max === 2 ? t("coaching.scorePartly") : t("coaching.scoreYes") },
                ...(item.max === 2 ? [{ value: "2", label: t("coaching.scoreFully") }] : []),
              ];
              return (
                <fieldset key={item.key} className="checklist-item" aria-describedby={`${name}-help${error ? ` ${name}-error` : ""}`}>
                  <legend>{item.label[language]}</legend>
                  <p id={`${name}-help`} className="field__hint">
                    {item.help[language]}
                  </p>
                  <div className="choice-row">
                    {choices.map((choice) => (
                      <label key={choice.value} className="choice">
                        <input type="radio" name={name} value={choice.value} defaultChecked={current === choice.value} />
                        <span>{choice.label}</span>
                      </label>
                    ))}
                  </div>
                  {error ? (
                    <p id={`${name}-error`} className="field__errors">
                      {error}
                    </p>
                  ) : null}
                </fieldset>
              );
            })}
          </fieldset>
        );
      })}
    </>
  );
}
