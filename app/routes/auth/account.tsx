import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect } from "react-router";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { endSessionHeaders, invalidateUserSessions, sessionContext } from "~/auth/session.server";
import { FormErrors, TextField, useClearPasswordsOn } from "~/components/field";
import { PageTitle } from "~/components/page-title";
import { db } from "~/db/db.server";
import { readFormData } from "~/http/form.server";
import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { passwordProblem } from "~/modules/accounts/password-strength.server";
import { changePassword } from "~/modules/accounts/passwords.server";
import { newPassword } from "~/modules/people/account-fields";
import { forgetCachedPages } from "~/offline/register";
import type { Route } from "./+types/account";

const PasswordFields = z.object({
  intent: z.literal("change-password"),
  current: z.string({ error: "form.required" }).min(1, "form.required").max(200, "form.tooLong"),
  password: newPassword,
  confirmPassword: z.string({ error: "form.required" }),
});
const PasswordSchema = PasswordFields.refine((value) => value.password === value.confirmPassword, {
  path: ["confirmPassword"],
  message: "accounts.passwordsDiffer",
  when: (payload) => PasswordFields.pick({ password: true, confirmPassword: true }).safeParse(payload.value).success,
});
const hideFields = ["current", "password", "confirmPassword"];

export const handle: TextsHandle = { texts: ["account", "accounts", "form"] };

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const devices = await db.session.count({ where: { userId: user.id, expiresAt: { gt: new Date() } } });
  return { user, devices, constraint: getZodConstraint(PasswordSchema) };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const form = await readFormData(args.request);
  if (form.get("intent") === "sign-out-everywhere") {
    await invalidateUserSessions(user.id);
    // This phone's offline pages go too (endSessionHeaders); other phones forget theirs when
    // they next reach the server with the revoked session.
    throw redirect("/sign-in", { headers: endSessionHeaders() });
  }
  if (form.get("intent") !== "change-password") throw redirect("/account");
  const submission = parseWithZod(form, { schema: PasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }), ended: null }, { status: 400 });
  const weak = passwordProblem(submission.value.password, [user.name]);
  if (weak) return data({ result: submission.reply({ hideFields, fieldErrors: { password: [weak] } }), ended: null }, { status: 400 });
  const session = args.context.get(sessionContext)!;
  const outcome = await changePassword({ userId: user.id, sessionId: session.sessionId, current: submission.value.current, next: submission.value.password });
  if (!outcome.ok) return data({ result: submission.reply({ hideFields, fieldErrors: { current: ["accounts.currentWrong"] } }), ended: null }, { status: 400 });
  return { result: submission.reply({ resetForm: true }), ended: outcome.sessionsEnded };
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { user, devices, constraint } = loaderData;
  const [form, fields] = useForm<z.input<typeof PasswordSchema>>({ id: "password", lastResult: actionData?.result, constraint });
  useClearPasswordsOn(actionData, fields.current.id, fields.password.id, fields.confirmPassword.id);
  return (
    <section className="narrow stack">
      <PageTitle>{t("account.title")}</PageTitle>
      <h1>{t("account.title")}</h1>
      <p>{t("account.signedInAs", { name: user.name })}</p>
      <ul className="plain-list">
        {user.memberships.map((m) => (
          <li key={`${m.programmeId}-${m.role}`}>
            {m.programmeName}: {t(`roles.${m.role}`)}
          </li>
        ))}
      </ul>

      <section aria-labelledby="password-title" className="card stack">
        <h2 id="password-title">{t("accounts.changePassword")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="change-password" />
          <TextField label={t("accounts.currentPassword")} meta={fields.current} type="password" autoComplete="current-password" />
          <TextField label={t("accounts.newPassword")} hint={t("accounts.newPasswordHint")} meta={fields.password} type="password" autoComplete="new-password" />
          <TextField label={t("accounts.confirmPassword")} meta={fields.confirmPassword} type="password" autoComplete="new-password" />
          <button type="submit" className="button button--primary">
            {t("accounts.savePassword")}
          </button>
          {actionData?.ended != null ? (
            <p role="status" className="notice notice--success">
              {t("accounts.passwordChanged", { count: actionData.ended })}
            </p>
          ) : null}
        </Form>
      </section>

      <p>{t("account.devices", { count: devices })}</p>
      <Form method="post" className="stack" onSubmit={forgetCachedPages}>
        <p className="field__hint">{t("account.signOutEverywhereHint")}</p>
        <button type="submit" name="intent" value="sign-out-everywhere" className="button">
          {t("account.signOutEverywhere")}
        </button>
      </Form>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
