import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import { z } from "zod";
import { requireAnonymous } from "~/auth/guards.server";
import { clientAddressOf } from "~/auth/sign-in.server";
import { FormErrors, TextField, useClearPasswordsOn } from "~/components/field";
import { PageTitle } from "~/components/page-title";
import { readFormData } from "~/http/form.server";
import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { resetPassword } from "~/modules/accounts/passwords.server";
import { passwordProblem } from "~/modules/accounts/password-strength.server";
import { newPassword } from "~/modules/people/account-fields";
import type { OfflineHandle } from "~/offline/handle";
import type { Route } from "./+types/reset";

const ResetFields = z.object({
  identifier: z.string({ error: "form.required" }).trim().min(1, "form.required").max(254, "form.tooLong"),
  code: z.string({ error: "form.required" }).trim().min(1, "form.required").max(20, "accounts.codeRefused"),
  password: newPassword,
  confirmPassword: z.string({ error: "form.required" }),
});
const ResetSchema = ResetFields.refine((value) => value.password === value.confirmPassword, {
  path: ["confirmPassword"],
  message: "accounts.passwordsDiffer",
  when: (payload) => ResetFields.pick({ password: true, confirmPassword: true }).safeParse(payload.value).success,
});
const hideFields = ["password", "confirmPassword"];

// A reset code is a secret: the page is never kept on the phone for offline use.
export const handle: TextsHandle & OfflineHandle = { texts: ["accounts", "form"], neverOffline: true };

export function loader({ context }: Route.LoaderArgs) {
  requireAnonymous({ context });
  return { constraint: getZodConstraint(ResetSchema) };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireAnonymous({ context });
  const submission = parseWithZod(await readFormData(request), { schema: ResetSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }), wait: null }, { status: 400 });
  const weak = passwordProblem(submission.value.password, [submission.value.identifier]);
  if (weak) return data({ result: submission.reply({ hideFields, fieldErrors: { password: [weak] } }), wait: null }, { status: 400 });
  const outcome = await resetPassword({ ...submission.value, clientAddress: clientAddressOf(request) });
  if (!outcome.ok) {
    const wait = outcome.problem === "throttled" ? outcome.retryAfterSeconds : null;
    const fieldErrors: Record<string, string[]> = wait === null ? { code: ["accounts.codeRefused"] } : {};
    return data({ result: submission.reply({ hideFields, fieldErrors }), wait }, { status: wait === null ? 400 : 429 });
  }
  throw redirect("/sign-in?reset=done");
}

export default function Reset({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm<z.input<typeof ResetSchema>>({ lastResult: actionData?.result, constraint: loaderData.constraint });
  useClearPasswordsOn(actionData, fields.password.id, fields.confirmPassword.id);
  return (
    <section className="narrow">
      <PageTitle>{t("accounts.resetTitle")}</PageTitle>
      <h1>{t("accounts.resetTitle")}</h1>
      <p>{t("accounts.resetIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        {actionData?.wait ? (
          <p role="alert" className="form-errors">
            {t("accounts.wait", { count: actionData.wait })}
          </p>
        ) : null}
        <TextField label={t("accounts.identifier")} hint={t("accounts.identifierHint")} meta={fields.identifier} autoComplete="username" />
        <TextField label={t("accounts.resetCode")} hint={t("accounts.resetCodeHint")} meta={fields.code} autoComplete="one-time-code" />
        <TextField label={t("accounts.newPassword")} hint={t("accounts.newPasswordHint")} meta={fields.password} type="password" autoComplete="new-password" />
        <TextField label={t("accounts.confirmPassword")} meta={fields.confirmPassword} type="password" autoComplete="new-password" />
        <button type="submit" className="button button--primary">
          {t("accounts.savePassword")}
        </button>
      </Form>
      <p className="aside">
        <Link to="/sign-in">{t("nav.signIn")}</Link>
      </p>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
