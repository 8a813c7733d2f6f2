import { type FieldMetadata, getInputProps, getSelectProps } from "@conform-to/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";

/**
 * Validation messages travel as translation keys ("form.required"), so the same schema speaks
 * every language. Anything that is not a key (should not happen) is shown as a generic message.
 */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (key: string) => (i18n.exists(key) ? t(key as never) : t("form.errorsAbove"));
}

// biome-ignore lint: any field value type is fine here, the field only renders it
type Common = { label: string; hint?: string; meta: FieldMetadata<any, any, string[]> };

/** The errors beside one field, translated; `id` is what the field's aria-describedby names. */
export function FieldErrorList({ id, errors }: { id: string; errors?: readonly string[] | null }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field__errors">
      {errors.map((error) => (
        <li key={error}>{errorText(error)}</li>
      ))}
    </ul>
  );
}

function Errors({ meta }: { meta: FieldMetadata<any, any, string[]> }) {
  return <FieldErrorList id={meta.errorId} errors={meta.errors} />;
}

export function TextField({
  label,
  hint,
  meta,
  type = "text",
  autoComplete,
  inputMode,
}: Common & {
  type?: "text" | "password" | "email" | "tel" | "date" | "number";
  autoComplete?: string;
  inputMode?: "text" | "tel" | "email" | "numeric";
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        {...props}
        key={props.key}
        autoComplete={autoComplete}
        inputMode={inputMode}
        // A password is never sent back to the browser after a failed try.
        defaultValue={type === "password" ? undefined : props.defaultValue}
      />
      <Errors meta={meta} />
    </div>
  );
}

export function SelectField({
  label,
  hint,
  meta,
  options,
  placeholder,
}: Common & { options: { value: string; label: string }[]; placeholder?: string }) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getSelectProps(meta, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <select {...props} key={props.key}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Errors meta={meta} />
    </div>
  );
}

/** Errors that belong to the whole form (e.g. "wrong password"), announced to screen readers. */
export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="form-errors">
      {errors.map((error) => (
        <p key={error}>{errorText(error)}</p>
      ))}
    </div>
  );
}

/**
 * After a failed submission the server sends no password back; with JavaScript the browser would
 * still show the old one. Clear those fields whenever a new answer arrives.
 */
export function useClearPasswordsOn(result: unknown, ...fieldIds: string[]) {
  useEffect(() => {
    if (!result) return;
    for (const id of fieldIds) {
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement) input.value = "";
    }
  }, [result, ...fieldIds]);
}
