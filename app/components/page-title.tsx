import { useTranslation } from "~/i18n/react";

/**
 * The page's own title in the person's language, then the app's name ("Roll-call: Kariobangi,
 * 3 March — Kaizen LMS"). React 19 hoists a <title> rendered anywhere into the document head,
 * on the server as in the browser, so a page names itself where its texts already are.
 */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  return <title>{`${children} — ${t("app.name")}`}</title>;
}
