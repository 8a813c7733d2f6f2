import { useTranslation } from "~/i18n/react";

/**
 * Shown on the coaching-visit form for a firm whose experiment arm offers no visits: the trainer
 * must confirm and say why, or not record the visit. Works without JavaScript (plain fields).
 */
export function VisitArmWarning({ armName, fields, error }: { armName: string; fields: Record<string, string>; error: string | null }) {
  const { t } = useTranslation();
  return (
    <div role="note" className="notice notice--error stack" aria-labelledby="experiment-arm-warning">
      <p id="experiment-arm-warning">
        <strong>{t("experiments.visit.warning", { arm: armName })}</strong>
      </p>
      <p>{t("experiments.visit.explain")}</p>
      <label className="checkbox">
        <input type="checkbox" name="experimentConfirm" value="yes" defaultChecked={fields.experimentConfirm === "yes"} /> {t("experiments.visit.confirm")}
      </label>
      <div className="field">
        <label htmlFor="experimentReason">{t("experiments.visit.reason")}</label>
        <input id="experimentReason" name="experimentReason" defaultValue={fields.experimentReason ?? ""} aria-invalid={error ? true : undefined} aria-describedby={error ? "experimentReason-error" : undefined} />
        {error ? (
          <p id="experimentReason-error" className="field__errors">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
