import { randomUUID } from "node:crypto";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form } from "react-router";
import { z } from "zod";
import { forbidden, notFound, requireProgrammeRole } from "~/auth/guards.server";
import { FormErrors, TextField } from "~/components/field";
import { PageTitle } from "~/components/page-title";
import { db } from "~/db/db.server";
import { readFormData } from "~/http/form.server";
import { getLanguage } from "~/i18n/i18next.server";
import { useTranslation } from "~/i18n/react";
import type { TextsHandle } from "~/i18n/texts";
import { appointManager, programmePeople, removeRole, setActive } from "~/modules/accounts/people.server";
import { issueResetCode } from "~/modules/accounts/passwords.server";
import { personName } from "~/modules/people/account-fields";
import { formatInvitationCode } from "~/modules/people/invitation-code";
import { issueInvitation } from "~/modules/people/invitations.server";
import type { OfflineHandle } from "~/offline/handle";
import type { Route } from "./+types/people";

const Schemas = {
  appoint: z.object({ identifier: z.string({ error: "form.required" }).trim().min(3, "form.tooShort").max(254, "form.tooLong") }),
  invite: z.object({ name: personName }),
};
const Target = z.object({ userId: z.string().min(1).max(64) });

// The page shows freshly issued reset and manager codes: never kept on the phone for offline use.
export const handle: TextsHandle & OfflineHandle = { texts: ["accounts", "form", "roles"], neverOffline: true };

export async function loader(args: Route.LoaderArgs) {
  const { user, role } = await requireProgrammeRole(args, args.params.programmeId, ["manager", "trainer"]);
  const programme = await db.programme.findUniqueOrThrow({ where: { id: args.params.programmeId }, select: { id: true, name: true } });
  const viewer = role === "trainer" ? "trainer" : "manager";
  return {
    programme,
    people: await programmePeople(programme.id, viewer),
    canManage: viewer === "manager",
    isAdmin: user.isAdmin,
    me: user.id,
    clientKey: randomUUID(),
    language: getLanguage(args.context),
  };
}

type Done =
  | { kind: "reset"; name: string; code: string; expiresAt: string }
  | { kind: "removed" | "appointed" | "deactivated" | "reactivated"; name: string }
  | { kind: "invited"; name: string; code: string };

export async function action(args: Route.ActionArgs) {
  const { user, role } = await requireProgrammeRole(args, args.params.programmeId, ["manager", "trainer"]);
  const programmeId = args.params.programmeId;
  const canManage = role !== "trainer";
  const form = await readFormData(args.request);
  const intent = String(form.get("intent"));
  const reply = (done: Done) => ({ intent, result: null, done });
  switch (intent) {
    case "reset": {
      const target = Target.safeParse({ userId: form.get("userId") });
      const clientKey = String(form.get("clientKey") ?? "").slice(0, 64) || randomUUID();
      if (!target.success) notFound();
      const issued = await issueResetCode(user, target.data.userId, clientKey);
      if (!issued.ok) return issued.problem === "forbidden" ? forbidden() : notFound();
      return reply({ kind: "reset", name: issued.name, code: formatInvitationCode(issued.code), expiresAt: issued.expiresAt.toISOString() });
    }
    case "remove": {
      if (!canManage) forbidden();
      const removed = await removeRole(programmeId, String(form.get("membershipId")), user.id);
      if (!removed.ok) notFound();
      return reply({ kind: "removed", name: removed.name });
    }
    case "deactivate":
    case "reactivate": {
      if (!user.isAdmin) forbidden();
      const target = Target.safeParse({ userId: form.get("userId") });
      if (!target.success) notFound();
      const member = await db.membership.findFirst({ where: { programmeId, userId: target.data.userId }, select: { id: true } });
      if (!member) notFound();
      const changed = await setActive(target.data.userId, intent === "reactivate", user.id);
      if (!changed.ok) notFound();
      return reply({ kind: intent === "reactivate" ? "reactivated" : "deactivated", name: changed.name });
    }
    case "appoint": {
      if (!canManage) forbidden();
      const submission = parseWithZod(form, { schema: Schemas.appoint });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), done: null }, { status: 400 });
      const appointed = await appointManager(programmeId, submission.value.identifier, user.id);
      if (!appointed.ok) return data({ intent, result: submission.reply({ fieldErrors: { identifier: ["accounts.personUnknown"] } }), done: null }, { status: 400 });
      return { intent, result: submission.reply({ resetForm: true }), done: { kind: "appointed", name: appointed.name } as Done };
    }
    case "invite": {
      if (!canManage) forbidden();
      const submission = parseWithZod(form, { schema: Schemas.invite });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), done: null }, { status: 400 });
      const issued = await issueInvitation({ programmeId, role: "manager", name: submission.value.name, issuedById: user.id });
      if (!issued.ok) return data({ intent, result: submission.reply({ formErrors: ["form.errorsAbove"] }), done: null }, { status: 400 });
      return { intent, result: submission.reply({ resetForm: true }), done: { kind: "invited", name: submission.value.name, code: formatInvitationCode(issued.code) } as Done };
    }
    default:
      return data({ intent, result: null, done: null }, { status: 400 });
  }
}

export default function People({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, people, canManage, isAdmin, me, clientKey, language } = loaderData;
  const done = actionData?.done ?? null;
  const last = (intent: string) => (actionData?.intent === intent ? (actionData.result ?? undefined) : undefined);
  const [appointForm, appointFields] = useForm<z.input<typeof Schemas.appoint>>({ id: "appoint", lastResult: last("appoint") });
  const [inviteForm, inviteFields] = useForm<z.input<typeof Schemas.invite>>({ id: "invite", lastResult: last("invite") });
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });
  const title = t("accounts.titleOf", { what: t("accounts.peopleTitle"), name: programme.name });
  return (
    <div className="stack">
      <PageTitle>{title}</PageTitle>
      <h1>{title}</h1>
      <p>{t("accounts.peopleIntro")}</p>
      {done?.kind === "reset" ? (
        <div role="status" className="card stack reset-code">
          <p>{t("accounts.resetIssued", { name: done.name })}</p>
          <p className="reset-code__code">{done.code}</p>
          <p>{t("accounts.resetIssuedNote", { date: dateTime.format(new Date(done.expiresAt)) })}</p>
        </div>
      ) : done ? (
        <p role="status" className="notice notice--success">
          {done.kind === "invited"
            ? t("accounts.invited", { name: done.name, code: done.code })
            : t(`accounts.${({ removed: "roleRemoved", appointed: "appointed", deactivated: "deactivatedDone", reactivated: "reactivatedDone" } as const)[done.kind]}`, { name: done.name })}
        </p>
      ) : null}

      {/* One card per person: a table's action column would sit off a phone's screen. */}
      <ul className="plain-list stack people-list">
        {people.map((person) => (
          <li key={person.membershipId} className="card">
            <p>
              <strong>{person.name}</strong> · {t(`roles.${person.role as "owner"}`)}
              <br />
              <span className="muted">
                {person.phone ? `+${person.phone}` : (person.username ?? person.email ?? "")}
                {person.firm ? ` · ${person.firm.name}` : ""}
                {!person.hasAccount ? ` · ${t("accounts.noAccountYet")}` : ""}
                {person.deactivatedAt ? ` · ${t("accounts.closed")}` : ""}
              </span>
            </p>
            <div className="people-actions">
              {person.hasAccount && !person.deactivatedAt && person.id !== me && (person.role === "owner" || isAdmin) ? (
                <Form method="post">
                  <input type="hidden" name="userId" value={person.id} />
                  <input type="hidden" name="clientKey" value={clientKey} />
                  <button type="submit" name="intent" value="reset" className="button">
                    {t("accounts.issueReset")}
                  </button>
                </Form>
              ) : null}
              {canManage && person.id !== me ? (
                <Form method="post">
                  <input type="hidden" name="membershipId" value={person.membershipId} />
                  <button type="submit" name="intent" value="remove" className="button">
                    {t("accounts.removeRole")}
                  </button>
                </Form>
              ) : null}
              {isAdmin && person.id !== me ? (
                <Form method="post">
                  <input type="hidden" name="userId" value={person.id} />
                  <button type="submit" name="intent" value={person.deactivatedAt ? "reactivate" : "deactivate"} className="button">
                    {person.deactivatedAt ? t("accounts.reactivate") : t("accounts.deactivate")}
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>

      {canManage ? (
        <section aria-labelledby="appoint-title" className="card stack">
          <h2 id="appoint-title">{t("accounts.appointTitle")}</h2>
          <Form method="post" {...getFormProps(appointForm)} className="stack">
            <p>{t("accounts.appointExisting")}</p>
            <FormErrors id={appointForm.errorId} errors={appointForm.errors} />
            <input type="hidden" name="intent" value="appoint" />
            <TextField label={t("accounts.appointIdentifier")} meta={appointFields.identifier} />
            <button type="submit" className="button button--primary">
              {t("accounts.appoint")}
            </button>
          </Form>
          <Form method="post" {...getFormProps(inviteForm)} className="stack">
            <p>{t("accounts.inviteManager")}</p>
            <FormErrors id={inviteForm.errorId} errors={inviteForm.errors} />
            <input type="hidden" name="intent" value="invite" />
            <TextField label={t("accounts.inviteName")} meta={inviteFields.name} autoComplete="off" />
            <button type="submit" className="button">
              {t("accounts.inviteSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
