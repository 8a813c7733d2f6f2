import { useTranslation } from "~/i18n/react";
import { requireUser } from "~/auth/guards.server";
import { usePercentileFormat, useScoreFormat } from "~/components/screening/view";
import { db } from "~/db/db.server";
import { getLanguage } from "~/i18n/i18next.server";
import type { Language } from "~/i18n/languages";
import { checklistItem } from "~/modules/coaching/checklist";
import { COMPONENT_KEYS } from "~/modules/screening/model";
import { runScreening } from "~/modules/screening/screening.server";
import "~/styles/screening.css";
import type { Route } from "./+types/mine";
import type { TextsHandle } from "~/i18n/texts";
import { PageTitle } from "~/components/page-title";

/**
 * An owner's own screening result, when their programme shares it. Only the owner's firm is
 * read out of the screening; nothing about any other firm leaves the server.
 */
export const handle: TextsHandle = { texts: ["screening", "calibration"] };

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const language = getLanguage(args.context);
  const programmeIds = user.memberships.filter((m) => m.role === "owner").map((m) => m.programmeId);
  const programme =
    user.firmId && programmeIds.length > 0
      ? await db.programme.findFirst({
          where: { id: { in: programmeIds }, showScreeningToOwners: true, cohorts: { some: { enrolments: { some: { firmId: user.firmId } } } } },
          select: { id: true, name: true, isDemo: true },
          orderBy: { startsOn: "desc" },
        })
      : null;
  if (!programme || !user.firmId) return { shared: false as const, language };
  const run = await runScreening(db, programme.id, "cohort");
  const r = run.results.find((x) => x.firmId === user.firmId);
  if (!r) return { shared: false as const, language };
  return {
    shared: true as const,
    language,
    programme,
    total: r.total,
    percentile: r.percentile,
    groupSize: r.comparisonGroup.size,
    eligible: r.eligibility.eligible,
    reasons: r.eligibility.reasons,
    threshold: Math.round(run.model.thresholds.attendanceEligibility * 100),
    components: COMPONENT_KEYS.filter((k) => run.model.weights[k] > 0).map((k) => ({
      key: k,
      weight: Math.round(r.components[k].weight * 100),
      raw: r.components[k].raw,
      percentile: r.components[k].standardised,
    })),
    improveNext: r.explanation.improveNext.map((s) => checklistItem(s.itemKey)?.label[language as Language] ?? s.itemKey),
  };
}


export default function MyScreening({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation();
  const score = useScoreFormat(d.language);
  const percent = usePercentileFormat(d.language);
  if (!d.shared) {
    return (
      <div className="stack narrow">
        <PageTitle>{t("screening.mine.title")}</PageTitle>
        <h1>{t("screening.mine.title")}</h1>
        <p>{t("screening.mine.notShared")}</p>
      </div>
    );
  }
  // The components with no evidence yet: what the owner can do something about first.
  const missing = d.components.filter((c) => c.raw === null);
  return (
    <div className="stack narrow">
      <PageTitle>{t("screening.mine.title")}</PageTitle>
      <h1>{t("screening.mine.title")}</h1>
      {d.programme.isDemo ? <p className="demo-badge">{t("screening.demoData")}</p> : null}
      <p>{t("screening.mine.what")}</p>
      <section className="card stack" aria-labelledby="mine-score">
        <h2 id="mine-score">{t("screening.mine.yourScore")}</h2>
        <p className="screening-total">
          <strong>{score(d.total)}</strong> / 100
        </p>
        {d.percentile !== null ? <p>{t("screening.mine.standing", { percentile: percent(d.percentile), size: d.groupSize })}</p> : null}
        <p>{d.eligible ? t("screening.mine.eligible") : t("screening.mine.ineligible", { threshold: d.threshold })}</p>
      </section>
      <section className="stack" aria-labelledby="mine-counts">
        <h2 id="mine-counts">{t("screening.mine.whatCounts")}</h2>
        <ul className="plain-list stack">
          {d.components.map((c) => (
            <li key={c.key} className="card">
              <strong>{t(`screening.components.${c.key}`)}</strong> · {t("screening.mine.weight", { weight: c.weight })}
              <div>
                {c.raw === null
                  ? t("screening.mine.noEvidence")
                  : c.percentile === null
                    ? t("screening.mine.raw", { value: score(c.raw) })
                    : t("screening.mine.ahead", { value: score(c.raw), percentile: percent(c.percentile) })}
              </div>
              <div className="bar" aria-hidden="true">
                <span style={{ width: `${Math.round(c.percentile ?? 0)}%` }} />
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section className="stack" aria-labelledby="mine-rests">
        <h2 id="mine-rests">{t("calibration.mine.restsOn")}</h2>
        <ul>
          {d.components.map((c) => (
            <li key={c.key}>
              {c.raw === null
                ? t(`calibration.mine.noEvidence.${c.key}`)
                : t("calibration.mine.hasEvidence", { component: t(`screening.components.${c.key}`) })}
            </li>
          ))}
        </ul>
        {missing.length > 0 ? <p>{t("calibration.mine.missingExplain")}</p> : null}
      </section>
      <section className="stack" aria-labelledby="mine-strengthen">
        <h2 id="mine-strengthen">{t("calibration.mine.strengthen")}</h2>
        <ul>
          {missing.map((c) => (
            <li key={c.key}>{t(`calibration.mine.strengthenMissing.${c.key}`)}</li>
          ))}
          {missing.some((c) => c.key === "attendance") ? null : <li>{t("screening.mine.raiseAttend")}</li>}
          {missing.some((c) => c.key === "knowledge") ? null : <li>{t("screening.mine.raiseQuiz")}</li>}
          {d.improveNext.map((label) => (
            <li key={label}>{t("screening.mine.raiseItem", { item: label })}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
