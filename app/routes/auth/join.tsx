import { readFormData } from "~/http/form.server";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/react";
import type { OfflineHandle } from "~/offline/handle";
import type { TextsHandle } from "~/i18n/texts";
import { data, Form, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import { requireAnonymous } from "~/auth/guards.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { FormErrors, SelectField, TextField, useClearPasswordsOn } from "~/components/field";
import { getLanguage } from "~/i18n/i18next.server";
import { LANGUAGES } from "~/i18n/languages";
import { email, language, newPassword, personName, phoneNumber, username } from "~/modules/people/account-fields";
import { redeemInvitation } from "~/modules/people/invitations.server";
import type { Route } from "./+types/join";

const JoinFields = z.object({
  code: z.string({ error: "form.required" }).trim().min(8, "join.codeUnknown").max(20, "join.codeUnknown"),
  name: personName,
  phone: phoneNumber.optional(),
  username: username.optional(),
  email: email.optional(),
  password: newPassword,
  confirmPassword: z.string({ error: "form.required" }),
  language,
});

// The checks across fields run even when another field is wrong, so that every mistake shows at once.
const JoinSchema = JoinFields.refine((value) => Boolean(value.phone || value.username), {
  path: ["phone"],
  message: "join.needPhoneOrUsername",
  when: (payload) => JoinFields.pick({ phone: true, username: true }).safeParse(payload.value).success,
}).refine((value) => value.password === value.confirmPassword, {
  path: ["confirmPassword"],
  message: "join.passwordsDiffer",
  when: (payload) => JoinFields.pick({ password: true, confirmPassword: true }).safeParse(payload.value).success,
});

// Errors are keys of these sections too (the schema's messages and the sign-in/join problems).
export const handle: TextsHandle & OfflineHandle = { texts: ["join", "form"], neverOffline: true };

export const meta: Route.MetaFunction = () => [{ title: "Kaizen LMS" }];

export function loader({ context }: Route.LoaderArgs) {
  requireAnonymous({ context });
  return { constraint: getZodConstraint(JoinSchema), language: getLanguage(context) };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireAnonymous({ context });
  const submission = parseWithZod(await readFormData(request), { schema: JoinSchema });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });

  const { confirmPassword: _, ...input } = submission.value;
  const outcome = await redeemInvitation(input);
  if (!outcome.ok) {
    return data({ result: submission.reply({ hideFields, fieldErrors: { [outcome.field]: [`join.${outcome.problem}`] } }) }, { status: 400 });
  }
  const session = await createSession(outcome.userId);
  const headers = new Headers({ "Set-Cookie": sessionCookie(session.token, session.expiresAt) });
  throw redirect("/", { headers });
}

export default function Join({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof JoinSchema>>({
    lastResult: actionData?.result,
    constraint: loaderData.constraint,
    defaultValue: { code: searchParams.get("code") ?? "", language: loaderData.language },
  });
  useClearPasswordsOn(actionData, fields.password.id, fields.confirmPassword.id);
  return (
    <section className="narrow">
      <h1>{t("join.title")}</h1>
      <p>{t("join.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField label={t("join.code")} hint={t("join.codeHint")} meta={fields.code} autoComplete="one-time-code" />
        <TextField label={t("join.name")} meta={fields.name} autoComplete="name" />
        <TextField label={t("join.phone")} hint={t("join.phoneHint")} meta={fields.phone} type="tel" autoComplete="tel" inputMode="tel" />
        <TextField label={t("join.username")} meta={fields.username} autoComplete="username" />
        <TextField label={t("join.email")} meta={fields.email} type="email" autoComplete="email" />
        <TextField label={t("join.password")} hint={t("join.passwordHint")} meta={fields.password} type="password" autoComplete="new-password" />
        <TextField label={t("join.confirmPassword")} meta={fields.confirmPassword} type="password" autoComplete="new-password" />
        <SelectField
          label={t("join.language")}
          meta={fields.language}
          options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
        />
        <button type="submit" className="button button--primary">
          {t("join.submit")}
        </button>
      </Form>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
