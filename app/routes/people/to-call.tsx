import { Link } from "react-router";
import { PageTitle } from "~/components/page-title";
import { OwnerPhones } from "~/components/phone-link";
import { db } from "~/db/db.server";
import { useTranslation } from "~/i18n/react";
import { requireCohortStaff } from "~/modules/attendance/access.server";
import { cohortFigures } from "~/modules/attendance/figures.server";
import type { Route } from "./+types/to-call";

export async function loader(args: Route.LoaderArgs) {
  const { cohort } = await requireCohortStaff(args, args.params.cohortId);
  const figures = await cohortFigures(cohort.id, cohort.attendanceThreshold);
  const below = figures.firms.filter((f) => f.flagged);
  const phones = new Map(
    (await db.user.findMany({ where: { firmId: { in: below.map((f) => f.id) } }, select: { id: true, phone: true } })).map((u) => [u.id, u.phone]),
  );
  return {
    cohort,
    held: figures.heldCount,
    firms: below.map((f) => ({ id: f.id, name: f.name, rate: f.rate.rate, owners: f.owners.map((o) => ({ id: o.id, name: o.name, phone: phones.get(o.id) ?? null })) })),
  };
}

/** Those below the attendance threshold in one class, lowest first, each owner's phone one tap away. */
export default function ToCall({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { cohort, held, firms } = loaderData;
  const threshold = Math.round(cohort.attendanceThreshold * 100);
  const title = t("bulk.toCall.title", { cohort: cohort.name });
  return (
    <div className="stack">
      <PageTitle>{title}</PageTitle>
      <p className="no-print">
        <Link to={`/cohorts/${cohort.id}`}>{t("bulk.toCall.back")}</Link> · <Link to="/search">{t("bulk.search.title")}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t("bulk.toCall.intro", { threshold })}</p>
      {firms.length === 0 ? <p role="status">{t("bulk.toCall.none", { threshold })}</p> : null}
      <ul className="plain-list stack" data-testid="to-call">
        {firms.map((f) => (
          <li key={f.id} className="card stack">
            <h2>{f.name}</h2>
            <p className="flagged">{f.rate === null ? t("bulk.toCall.noRate") : t("bulk.toCall.rate", { percent: Math.round(f.rate * 100), held })}</p>
            <OwnerPhones owners={f.owners} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
