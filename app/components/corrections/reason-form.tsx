import { type FieldMetadata, type FormMetadata, getFormProps } from "@conform-to/react";
import { Form } from "react-router";
import { FormErrors, TextField } from "~/components/field";

/**
 * A card that withdraws or cancels a record with a written reason: a class session's
 * cancellation and a coaching visit's withdrawal. The record's version travels with the form, so
 * a stale tap is refused instead of overwriting someone else's change.
 */
export function ReasonForm(props: {
  id: string;
  title: string;
  intro: string;
  intent: string;
  version: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form schema: only its errors are read
  form: FormMetadata<any, string[]>;
  reason: FieldMetadata<string | undefined, Record<string, unknown>, string[]>;
  label: string;
  hint: string;
  submit: string;
}) {
  return (
    <section className="card stack" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p>{props.intro}</p>
      <Form method="post" {...getFormProps(props.form)} className="stack">
        <input type="hidden" name="intent" value={props.intent} />
        <input type="hidden" name="version" value={props.version} />
        <FormErrors id={props.form.errorId} errors={props.form.errors} />
        <TextField label={props.label} meta={props.reason} hint={props.hint} />
        <button type="submit" className="button">
          {props.submit}
        </button>
      </Form>
    </section>
  );
}
