import { readFormData } from "~/http/form.server";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/react";
import { data, Form } from "react-router";
import { z } from "zod";
import { requireProgrammeRole } from "~/auth/guards.server";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { getLanguage } from "~/i18n/i18next.server";
import { personName } from "~/modules/people/account-fields";
import { formatInvitationCode } from "~/modules/people/invitation-code";
import { invitationPage, issueInvitation } from "~/modules/people/invitations.server";
import type { Route } from "./+types/invitations";
import { PageTitle } from "~/components/page-title";
import type { OfflineHandle } from "~/offline/handle";

// Invitation codes are secrets: never kept on the phone for offline use.
export const handle: OfflineHandle = { neverOffline: true };

const IssueSchema = z.object({
  role: z.enum(["trainer", "owner"], { error: "form.invalidChoice" }),
  name: personName,
  cohortId: z.string().optional(),
  firmId: z.string().optional(),
});

export async function loader(args: Route.LoaderArgs) {
  await requireProgrammeRole(args, args.params.programmeId, "manager");
  return { ...(await invitationPage(args.params.programmeId)), language: getLanguage(args.context), constraint: getZodConstraint(IssueSchema) };
}

export async function action(args: Route.ActionArgs) {
  const { user } = await requireProgrammeRole(args, args.params.programmeId, "manager");
  const submission = parseWithZod(await readFormData(args.request), { schema: IssueSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), issued: null }, { status: 400 });
  const outcome = await issueInvitation({ ...submission.value, programmeId: args.params.programmeId, issuedById: user.id });
  if (!outcome.ok) {
    return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [`invitations.${outcome.problem}`] } }), issued: null }, { status: 400 });
  }
  return { result: submission.reply({ resetForm: true }), issued: { code: formatInvitationCode(outcome.code), name: submission.value.name } };
}

export default function Invitations({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, invitations, cohorts, firms, language, constraint } = loaderData;
  const [form, fields] = useForm<z.input<typeof IssueSchema>>({ lastResult: actionData?.result, constraint, defaultValue: { role: "owner" } });
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
  return (
    <div className="stack">
      <PageTitle>{t("accounts.titleOf", { what: t("invitations.title"), name: programme.name })}</PageTitle>
      <h1>
        {t("invitations.title")} · {programme.name}
      </h1>
      <p>{t("invitations.intro")}</p>
      {actionData?.issued ? (
        <p role="status" className="notice notice--success">
          {t("invitations.issued", { code: actionData.issued.code, name: actionData.issued.name })}
        </p>
      ) : null}
      <section className="card stack no-print" aria-labelledby="issue-title">
        <h2 id="issue-title">{t("invitations.issue")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField
            label={t("invitations.role")}
            meta={fields.role}
            options={[
              { value: "owner", label: t("roles.owner") },
              { value: "trainer", label: t("roles.trainer") },
            ]}
          />
          <TextField label={t("invitations.name")} meta={fields.name} />
          <SelectField label={t("invitations.cohort")} meta={fields.cohortId} placeholder="" options={cohorts.map((c) => ({ value: c.id, label: c.name }))} />
          <SelectField
            label={t("invitations.firm")}
            meta={fields.firmId}
            placeholder={t("invitations.noFirm")}
            options={firms.map((f) => ({ value: f.id, label: f.name }))}
          />
          <button type="submit" className="button button--primary">
            {t("invitations.issue")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="codes-title" className="stack">
        <h2 id="codes-title">{t("invitations.title")}</h2>
        {invitations.length === 0 ? (
          <p>{t("invitations.none")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("invitations.code")}</th>
                  <th scope="col">{t("invitations.name")}</th>
                  <th scope="col">{t("invitations.role")}</th>
                  <th scope="col">{t("invitations.firm")}</th>
                  <th scope="col">{t("invitations.status")}</th>
                  <th scope="col">{t("invitations.expires")}</th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td className="code">{formatInvitationCode(invitation.code)}</td>
                    <td>{invitation.name}</td>
                    <td>{t(`roles.${invitation.role as "owner" | "trainer"}`)}</td>
                    <td>{invitation.firm?.name ?? invitation.cohort?.name ?? ""}</td>
                    <td>{t(`invitations.${invitation.status}`)}</td>
                    <td>{dateFormat.format(new Date(invitation.expiresAt))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
