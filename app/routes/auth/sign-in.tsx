import { readFormData } from "~/http/form.server";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import { requireAnonymous, safeRedirect } from "~/auth/guards.server";
import { clientAddressOf, signIn } from "~/auth/sign-in.server";
import { sessionCookie } from "~/auth/session.server";
import { FormErrors, TextField, useClearPasswordsOn } from "~/components/field";
import { PageTitle } from "~/components/page-title";
import type { Route } from "./+types/sign-in";

const SignInSchema = z.object({
  identifier: z.string({ error: "form.required" }).trim().min(1, "form.required").max(254, "form.tooLong"),
  password: z.string({ error: "form.required" }).min(1, "form.required").max(200, "form.tooLong"),
  redirectTo: z.string().optional(),
});

// Errors are keys of these sections too (the schema's messages and the sign-in/join problems).
export const handle: TextsHandle = { texts: ["signIn", "form", "nav.join", "accounts.forgot", "accounts.useResetCode", "accounts.resetDone", "accounts.deactivated"] };

export function loader({ context }: Route.LoaderArgs) {
  requireAnonymous({ context });
  return { constraint: getZodConstraint(SignInSchema) };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireAnonymous({ context });
  const submission = parseWithZod(await readFormData(request), { schema: SignInSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), throttle: null }, { status: 400 });
  }
  const outcome = await signIn({ ...submission.value, clientAddress: clientAddressOf(request) });
  if (!outcome.ok) {
    const formErrors = outcome.reason === "invalid" ? ["signIn.invalid"] : outcome.reason === "deactivated" ? ["accounts.deactivated"] : [];
    const result = submission.reply({ hideFields: ["password"], formErrors });
    const throttle = outcome.reason === "throttled" ? { seconds: outcome.retryAfterSeconds, locked: outcome.locked } : null;
    return data({ result, throttle }, { status: outcome.reason === "throttled" ? 429 : outcome.reason === "deactivated" ? 403 : 400 });
  }
  throw redirect(safeRedirect(submission.value.redirectTo), {
    headers: { "Set-Cookie": sessionCookie(outcome.token, outcome.expiresAt) },
  });
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  // Revalidated on submit only: without a validator in the browser, Conform would send every key
  // press to the action, and each answer would clear the password being typed.
  const [form, fields] = useForm<z.input<typeof SignInSchema>>({ lastResult: actionData?.result, constraint: loaderData.constraint, shouldRevalidate: "onSubmit" });
  useClearPasswordsOn(actionData, fields.password.id);
  const throttle = actionData?.throttle;
  return (
    <section className="narrow">
      <PageTitle>{t("signIn.title")}</PageTitle>
      <h1>{t("signIn.title")}</h1>
      {searchParams.get("reset") === "done" && !actionData ? (
        <p role="status" className="notice">
          {t("accounts.resetDone")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        {throttle ? (
          <p role="alert" className="form-errors">
            {throttle.locked
              ? t("signIn.locked", { count: Math.ceil(throttle.seconds / 60) })
              : t("signIn.slowDown", { count: throttle.seconds })}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField
          label={t("signIn.identifier")}
          hint={t("signIn.identifierHint")}
          meta={fields.identifier}
          autoComplete="username"
        />
        <TextField label={t("signIn.password")} meta={fields.password} type="password" autoComplete="current-password" />
        <button type="submit" className="button button--primary">
          {t("signIn.submit")}
        </button>
      </Form>
      <p className="aside">
        {t("signIn.noAccount")} <Link to="/join">{t("nav.join")}</Link>
      </p>
      <p className="aside">
        {t("accounts.forgot")} <Link to="/reset">{t("accounts.useResetCode")}</Link>
      </p>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
