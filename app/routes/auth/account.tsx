import { readFormData } from "~/http/form.server";
import { useTranslation } from "~/i18n/react";
import { Form, redirect } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { endSessionHeaders, invalidateUserSessions } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { forgetCachedPages } from "~/offline/register";
import type { Route } from "./+types/account";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const devices = await db.session.count({ where: { userId: user.id, expiresAt: { gt: new Date() } } });
  return { user, devices };
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
  throw redirect("/account");
}

export default function Account({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { user, devices } = loaderData;
  return (
    <section className="narrow stack">
      <h1>{t("account.title")}</h1>
      <p>{t("account.signedInAs", { name: user.name })}</p>
      <ul className="plain-list">
        {user.memberships.map((m) => (
          <li key={`${m.programmeId}-${m.role}`}>
            {m.programmeName}: {t(`roles.${m.role}`)}
          </li>
        ))}
      </ul>
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
