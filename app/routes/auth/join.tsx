import { readFormData } from "~/http/form.server";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/react";
import type { OfflineHandle } from "~/offline/handle";
import type { TextsHandle } from "~/i18n/texts";
import { data, Form, redirect, useSearchParams } from "react-router";
import { z } from "zod";
import { checkCodeThrottle, recordCodeFailure } from "~/auth/code-throttle.server";
import { requireAnonymous } from "~/auth/guards.server";
import { parseIdentifier } from "~/auth/identifier";
import { createSession, sessionCookie } from "~/auth/session.server";
import { clientAddressOf } from "~/auth/sign-in.server";
import { FormErrors, SelectField, TextField, useClearPasswordsOn } from "~/components/field";
import { PageTitle } from "~/components/page-title";
import { getLanguage } from "~/i18n/i18next.server";
import { LANGUAGES } from "~/i18n/languages";
import { passwordProblem } from "~/modules/accounts/password-strength.server";
import { normalisePhoneIn, phoneExample } from "~/modules/accounts/phone";
import { email, language, newPassword, personName, username } from "~/modules/people/account-fields";
import { normaliseInvitationCode } from "~/modules/people/invitation-code";
import { openInvitation, redeemInvitation } from "~/modules/people/invitations.server";
import type { Route } from "./+types/join";

// A phone number as people write it; the programme's country completes a local one in the action.
const anyPhone = z.string().trim().max(30, "form.tooLong").refine((value) => parseIdentifier(value).kind === "phone", "form.invalidPhone");

const JoinFields = z.object({
  code: z.string({ error: "form.required" }).trim().min(8, "accounts.codeProblem").max(20, "accounts.codeProblem"),
  name: personName,
  phone: anyPhone.optional(),
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
const hideFields = ["password", "confirmPassword"];

// Errors are keys of these sections too (the schema's messages and the sign-in/join problems).
export const handle: TextsHandle & OfflineHandle = { texts: ["join", "form", "accounts.codeProblem", "accounts.detailsRefused", "accounts.wait", "accounts.joinIntroOwner", "accounts.joinIntroTrainer", "accounts.joinIntroManager", "accounts.joinPhoneHint", "accounts.newPasswordHint", "accounts.passwordCommon"], neverOffline: true };

/** With ?code=, the page says who the code is for; a code that cannot be used counts as a wrong try. */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireAnonymous({ context });
  const base = { constraint: getZodConstraint(JoinSchema), language: getLanguage(context) };
  const code = normaliseInvitationCode(new URL(request.url).searchParams.get("code") ?? "").slice(0, 20);
  if (!code) return { ...base, invitation: null, codeProblem: false, wait: null };
  const verdict = await checkCodeThrottle("join", clientAddressOf(request), code);
  if (!verdict.allowed) return { ...base, invitation: null, codeProblem: false, wait: verdict.retryAfterSeconds };
  const invitation = await openInvitation(code);
  if (!invitation) await recordCodeFailure("join", clientAddressOf(request), code);
  return { ...base, invitation: invitation ? { ...invitation, example: phoneExample(invitation.country) } : null, codeProblem: !invitation, wait: null };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireAnonymous({ context });
  const submission = parseWithZod(await readFormData(request), { schema: JoinSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }), wait: null }, { status: 400 });
  const refuse = (errors: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) =>
    data({ result: submission.reply({ hideFields, ...errors }), wait: null }, { status: 400 });

  const { confirmPassword: _, phone: typedPhone, ...input } = submission.value;
  const code = normaliseInvitationCode(input.code);
  const address = clientAddressOf(request);
  const verdict = await checkCodeThrottle("join", address, code);
  if (!verdict.allowed) return data({ result: submission.reply({ hideFields }), wait: verdict.retryAfterSeconds }, { status: 429 });
  const invitation = await openInvitation(code);
  if (!invitation) {
    await recordCodeFailure("join", address, code);
    return refuse({ fieldErrors: { code: ["accounts.codeProblem"] } });
  }
  const phone = typedPhone ? normalisePhoneIn(typedPhone, invitation.country) : undefined;
  if (phone === null) return refuse({ fieldErrors: { phone: ["form.invalidPhone"] } });
  const weak = passwordProblem(input.password, [input.name, input.username ?? "", phone ?? ""]);
  if (weak) return refuse({ fieldErrors: { password: [weak] } });

  const outcome = await redeemInvitation({ ...input, phone });
  if (!outcome.ok) {
    // One answer for a code that cannot be used, and one for details another account holds:
    // neither tells which codes exist or which phones, usernames or emails have accounts.
    if (outcome.field === "code") {
      await recordCodeFailure("join", address, code);
      return refuse({ fieldErrors: { code: ["accounts.codeProblem"] } });
    }
    return refuse({ formErrors: ["accounts.detailsRefused"] });
  }
  const session = await createSession(outcome.userId);
  const headers = new Headers({ "Set-Cookie": sessionCookie(session.token, session.expiresAt) });
  throw redirect("/", { headers });
}

export default function Join({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { invitation, codeProblem } = loaderData;
  const [form, fields] = useForm<z.input<typeof JoinSchema>>({
    lastResult: actionData?.result,
    constraint: loaderData.constraint,
    defaultValue: {
      code: searchParams.get("code") ?? "",
      language: loaderData.language,
      name: invitation?.name ?? "",
      phone: invitation?.phone ? `+${invitation.phone}` : "",
    },
  });
  useClearPasswordsOn(actionData, fields.password.id, fields.confirmPassword.id);
  const wait = actionData?.wait ?? loaderData.wait;
  const intro = !invitation
    ? t("join.intro")
    : invitation.role === "owner"
      ? t("accounts.joinIntroOwner")
      : t(invitation.role === "manager" ? "accounts.joinIntroManager" : "accounts.joinIntroTrainer", { programme: invitation.programme });
  return (
    <section className="narrow">
      <PageTitle>{t("join.title")}</PageTitle>
      <h1>{t("join.title")}</h1>
      <p>{intro}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        {wait ? (
          <p role="alert" className="form-errors">
            {t("accounts.wait", { count: wait })}
          </p>
        ) : null}
        {/* A code in the link that cannot be used: said before the form, in the same words as after a try. */}
        {codeProblem && !actionData ? <FormErrors errors={["accounts.codeProblem"]} /> : null}
        <TextField label={t("join.code")} hint={t("join.codeHint")} meta={fields.code} autoComplete="one-time-code" />
        <TextField label={t("join.name")} meta={fields.name} autoComplete="name" />
        <TextField
          label={t("join.phone")}
          hint={invitation ? t("accounts.joinPhoneHint", invitation.example) : t("join.phoneHint")}
          meta={fields.phone}
          type="tel"
          autoComplete="tel"
          inputMode="tel"
        />
        <TextField label={t("join.username")} meta={fields.username} autoComplete="username" />
        <TextField label={t("join.email")} meta={fields.email} type="email" autoComplete="email" />
        <TextField label={t("join.password")} hint={t("accounts.newPasswordHint")} meta={fields.password} type="password" autoComplete="new-password" />
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
