import { readFormData } from "~/http/form.server";
import { data, redirect } from "react-router";
import { getUser, safeRedirect } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { languageCookie } from "~/i18n/i18next.server";
import { isLanguage } from "~/i18n/languages";
import type { Route } from "./+types/language";

/** The language picker posts here from every page: the choice is kept on the phone and, when signed in, in the account. */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await readFormData(request);
  const language = form.get("language");
  if (!isLanguage(language)) return data({ reason: "badLanguage" }, { status: 400 });
  const user = getUser({ context });
  if (user && user.language !== language) {
    await db.user.update({ where: { id: user.id }, data: { language } });
  }
  throw redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await languageCookie.serialize(language) },
  });
}

export function loader() {
  return redirect("/");
}
