import { useTranslation } from "~/i18n/react";
import { Form, Link } from "react-router";
import { requireProgrammeRole } from "~/auth/guards.server";
import { PageTitle } from "~/components/page-title";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import { joinUrl, qrDataUrl } from "~/modules/paper/qr.server";
import { formatInvitationCode } from "~/modules/people/invitation-code";
import { openOwnerCodes } from "~/modules/roster/roster-import.server";
import "~/styles/attendance.css";
import "~/styles/paper.css";
import type { Route } from "./+types/codes";
import type { OfflineHandle } from "~/offline/handle";

// Invitation codes are secrets: never kept on the phone for offline use.
export const handle: OfflineHandle = { neverOffline: true };

const count = (value: string | null) => (value ? Number(value) || 0 : null);

export async function loader(args: Route.LoaderArgs) {
  await requireProgrammeRole(args, args.params.programmeId, "manager");
  const url = new URL(args.request.url);
  const programme = await db.programme.findUniqueOrThrow({
    where: { id: args.params.programmeId },
    select: { id: true, name: true, cohorts: { select: { id: true, name: true }, orderBy: { startsOn: "asc" } } },
  });
  // An unknown class in the address is "all classes", never another programme's codes.
  const cohort = programme.cohorts.find((c) => c.id === url.searchParams.get("cohort")) ?? null;
  const layout = url.searchParams.get("layout") === "slips" ? "slips" : "list";
  const rows = await openOwnerCodes(programme.id, cohort?.id);
  const codes = await Promise.all(rows.map(async (c) => ({ ...c, qr: await qrDataUrl(joinUrl(url.origin, c.code)) })));
  return {
    programme,
    cohort,
    layout,
    codes,
    address: `${url.host}/join`,
    imported: count(url.searchParams.get("imported")),
    updated: count(url.searchParams.get("updated")),
    language: getLanguage(args.context),
  };
}

/** Owners' invitation codes to print and hand out in class, per class, as a list or as slips to cut out. */
export default function Codes({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { programme, cohort, layout, codes, address, imported, updated, language } = loaderData;
  const date = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
  const title = cohort ? t("bulk.paper.codesTitleCohort", { cohort: cohort.name }) : t("roster.codesTitle");
  return (
    <div className="stack sheet">
      <p className="no-print button-row">
        <Link to={`/programmes/${programme.id}/setup`}>{t("roster.setupTitle")}</Link>
        <Link to={`/programmes/${programme.id}/roster`}>{t("roster.importTitle")}</Link>
      </p>
      {imported !== null ? (
        <p role="status" className="notice notice--success no-print">
          {t("roster.imported", { count: imported })}
          {updated ? ` ${t("bulk.roster.updated", { count: updated })}` : null}
        </p>
      ) : null}
      <PageTitle>{t("accounts.titleOf", { what: title, name: programme.name })}</PageTitle>
      <h1>{title}</h1>
      <Form method="get" className="card stack no-print paper-choice">
        <div className="field">
          <label htmlFor="codes-cohort">{t("bulk.paper.cohort")}</label>
          <select id="codes-cohort" name="cohort" defaultValue={cohort?.id ?? ""}>
            <option value="">{t("bulk.paper.allCohorts")}</option>
            {programme.cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>{t("bulk.paper.layout")}</legend>
          <label className="choice">
            <input type="radio" name="layout" value="list" defaultChecked={layout === "list"} /> {t("bulk.paper.layoutList")}
          </label>
          <label className="choice">
            <input type="radio" name="layout" value="slips" defaultChecked={layout === "slips"} /> {t("bulk.paper.layoutSlips")}
          </label>
        </fieldset>
        <button type="submit" className="button">
          {t("bulk.paper.show")}
        </button>
        <p className="muted">{t("bulk.paper.printHint")}</p>
      </Form>
      <p>
        {programme.name}. {t("roster.codesHowTo")} {t("bulk.paper.address")}: <strong className="code">{address}</strong>
      </p>
      {codes.length === 0 ? <p>{t("roster.noCodes")}</p> : null}
      {layout === "slips" ? (
        <ul className="plain-list slips">
          {codes.map((c) => (
            <li key={c.id} className="slip">
              <img className="slip__qr" src={c.qr} width={112} height={112} alt={t("bulk.paper.qrAlt", { code: formatInvitationCode(c.code) })} />
              <div className="slip__text">
                <p className="slip__name">{c.name}</p>
                <p className="muted">
                  {c.firm?.name ?? ""}
                  {c.cohort ? ` · ${c.cohort.name}` : ""}
                </p>
                <p className="slip__code code">{formatInvitationCode(c.code)}</p>
                <p className="slip__how">{t("bulk.paper.slipHowTo", { address })}</p>
                <p className="muted">
                  {t("roster.validUntil")} {date.format(new Date(c.expiresAt))}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("attendance.name")}</th>
                <th scope="col">{t("attendance.firm")}</th>
                <th scope="col">{t("roster.code")}</th>
                <th scope="col">{t("roster.validUntil")}</th>
                <th scope="col">{t("bulk.paper.qrColumn")}</th>
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
                  <td>
                    <img className="codes__qr" src={c.qr} width={64} height={64} alt={t("bulk.paper.qrAlt", { code: formatInvitationCode(c.code) })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
