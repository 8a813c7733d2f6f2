import { useTranslation } from "~/i18n/react";
import { Link } from "react-router";
import { requireProgrammeRole } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import { formatInvitationCode } from "~/modules/people/invitation-code";
import { openOwnerCodes } from "~/modules/roster/roster-import.server";
import "~/styles/attendance.css";
import type { Route } from "./+types/codes";
import { PageTitle } from "~/components/page-title";
import type { OfflineHandle } from "~/offline/handle";

// Invitation codes are secrets: never kept on the phone for offline use.
export const handle: OfflineHandle = { neverOffline: true };


export async function loader(args: Route.LoaderArgs) {
  await requireProgrammeRole(args, args.params.programmeId, "manager");
  const programme = await db.programme.findUniqueOrThrow({ where: { id: args.params.programmeId }, select: { id: true, name: true } });
  const imported = new URL(args.request.url).searchParams.get("imported");
  return { programme, codes: await openOwnerCodes(programme.id), imported: imported ? Number(imported) || 0 : null, language: getLanguage(args.context) };
}

/** Owners' invitation codes to print and hand out in class: name, business, code, how to use it. */
export default function Codes({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, codes, imported, language } = loaderData;
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
  return (
    <div className="stack sheet">
      <p className="no-print button-row">
        <Link to={`/programmes/${programme.id}/setup`}>{t("roster.setupTitle")}</Link>
        <Link to={`/programmes/${programme.id}/roster`}>{t("roster.importTitle")}</Link>
      </p>
      {imported !== null ? (
        <p role="status" className="notice notice--success no-print">
          {t("roster.imported", { count: imported })}
        </p>
      ) : null}
      <PageTitle>{t("accounts.titleOf", { what: t("roster.codesTitle"), name: programme.name })}</PageTitle>
      <h1>{t("roster.codesTitle")}</h1>
      <p>
        {programme.name}. {t("roster.codesHowTo")}
      </p>
      {codes.length === 0 ? <p>{t("roster.noCodes")}</p> : null}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("attendance.name")}</th>
              <th scope="col">{t("attendance.firm")}</th>
              <th scope="col">{t("roster.code")}</th>
              <th scope="col">{t("roster.validUntil")}</th>
            </tr>
          </thead>
          <tbody>
            {codes.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>
                  {c.firm?.name ?? ""}
                  {c.cohort ? <span className="muted"> · {c.cohort.name}</span> : null}
                </td>
                <td className="code">{formatInvitationCode(c.code)}</td>
                <td>{date.format(new Date(c.expiresAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
