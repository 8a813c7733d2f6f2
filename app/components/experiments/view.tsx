import { NavLink } from "react-router";
import { useTranslation } from "~/i18n/react";
import type { BalanceRow, FlowRow } from "~/modules/experiments/analysis";
import { partsOf, STRATIFIERS } from "~/modules/experiments/assignment";

type Arm = { id: string; name: string };

export function ExperimentNav({ programmeId, current, frozen }: { programmeId: string; current: "setup" | "results"; frozen: boolean }) {
  const { t } = useTranslation();
  const base = `/programmes/${programmeId}/experiment`;
  return (
    <nav aria-label={t("experiments.nav.label")} className="experiment-nav">
      <NavLink to={base} end aria-current={current === "setup" ? "page" : undefined} className="button">
        {t("experiments.nav.setup")}
      </NavLink>
      {frozen ? (
        <NavLink to={`${base}/results`} end aria-current={current === "results" ? "page" : undefined} className="button">
          {t("experiments.nav.results")}
        </NavLink>
      ) : null}
    </nav>
  );
}

/** A stratum's name in the reader's words: "Kariobangi · Metalwork · 1-4 workers". */
export function useStratumLabel() {
  const { t } = useTranslation();
  return (key: string) => {
    const parts = partsOf(key);
    const words = STRATIFIERS.flatMap((s) => {
      const v = parts[s];
      if (v === undefined) return [];
      if (s === "sector") return [t(`sectors.${v as "other"}`)];
      if (s === "size") return [v === "unknown" ? t("experiments.sizeUnknown") : t("experiments.sizeBand", { band: v })];
      if (s === "practice") return [t(`experiments.practiceBand.${v as "low"}`)];
      return [v];
    });
    return words.length === 0 ? t("experiments.allFirms") : words.join(" · ");
  };
}

export function MergeList({ merges }: { merges: readonly { from: string; into: string; firms: number }[] }) {
  const { t } = useTranslation();
  const label = useStratumLabel();
  if (merges.length === 0) return null;
  return (
    <div role="note" className="notice">
      <p>{t("experiments.mergedIntro")}</p>
      <ul>
        {merges.map((m) => (
          <li key={m.from}>{t("experiments.merged", { from: label(m.from), into: label(m.into), count: m.firms })}</li>
        ))}
      </ul>
    </div>
  );
}

export function useNumber(language: string, digits = 1) {
  const format = new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? "—" : format.format(value));
}

export function BalanceTable({ arms, rows, language }: { arms: readonly Arm[]; rows: readonly BalanceRow[]; language: string }) {
  const { t } = useTranslation();
  const number = useNumber(language, 1);
  const diff = useNumber(language, 2);
  // Practice scores are shares (0-1): two decimals say more than one.
  const valueOf = (covariate: string, v: number | null) => (covariate === "practice" ? diff(v) : number(v));
  const name = (id: string) => arms.find((a) => a.id === id)?.name ?? "";
  const ordered = rows[0]?.perArm.map((p) => p.armId) ?? [];
  const control = ordered[0];
  const flagged = rows.flatMap((r) => r.differences.filter((d) => d.flagged).map((d) => ({ covariate: r.covariate, armId: d.armId })));
  return (
    <section className="stack" aria-labelledby="balance-title">
      <h3 id="balance-title">{t("experiments.balanceTitle")}</h3>
      <div className="experiment-reading">
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="balance-title">
          <table className="experiment-table">
            <thead>
              <tr>
                <th scope="col">{t("experiments.covariate")}</th>
                {ordered.map((id) => (
                  <th key={id} scope="col" className="exp-num">
                    {name(id)}
                  </th>
                ))}
                {ordered.slice(1).map((id) => (
                  <th key={`d-${id}`} scope="col" className="exp-num">
                    {t("experiments.stdDiff", { arm: name(id) })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.covariate}>
                  <th scope="row">{t(`experiments.covariates.${r.covariate}`)}</th>
                  {r.perArm.map((p) => (
                    <td key={p.armId} className="exp-num">
                      {valueOf(r.covariate, p.mean)}
                      <span className="muted small"> (n={p.n})</span>
                    </td>
                  ))}
                  {r.differences.map((d) => (
                    <td key={d.armId} className={d.flagged ? "exp-num exp-flag" : "exp-num"}>
                      {diff(d.value)}
                      {d.flagged ? <span className="small"> ⚑ {t("experiments.flagged")}</span> : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="experiment-plain">
          {flagged.length === 0
            ? t("experiments.balanceReadingOk", { control: control ? name(control) : "" })
            : t("experiments.balanceReadingFlag", {
                count: flagged.length,
                list: flagged.map((f) => `${t(`experiments.covariates.${f.covariate}`)} (${name(f.armId)})`).join(", "),
              })}
        </p>
      </div>
    </section>
  );
}

/**
 * The flow of firms through the experiment, drawn like a trial report's flow diagram: one column
 * per arm (assigned, took part, followed up, lost), rendered on the server as plain SVG so that it
 * needs no script and prints. Boxes wrap to the width: columns shrink on a phone.
 */
export function FlowDiagram({ arms, flow, total }: { arms: readonly Arm[]; flow: readonly FlowRow[]; total: number }) {
  const { t } = useTranslation();
  const columns = flow.length;
  const colWidth = 180;
  const gap = 16;
  const width = columns * colWidth + (columns - 1) * gap;
  const boxH = 56;
  const top = 70;
  const rowGap = 30;
  const name = (id: string) => arms.find((a) => a.id === id)?.name ?? "";
  const x = (i: number) => i * (colWidth + gap);
  const y = (row: number) => top + row * (boxH + rowGap);
  const height = y(4) - rowGap + 2;
  const rootWidth = Math.min(width - 2, 340);
  const rows = (f: FlowRow) => [
    { label: name(f.armId), value: t("experiments.flow.assignedN", { count: f.assigned }) + (f.late ? ` (${t("experiments.lateCount", { count: f.late })})` : ""), strong: true },
    { label: t("experiments.flow.tookUp"), value: `${f.tookUp}` },
    { label: t("experiments.flow.followedUp"), value: `${f.followedUp}` },
    { label: t("experiments.flow.lost"), value: `${f.lost}` },
  ];
  return (
    <svg className="flow-diagram" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="flow-svg-title">
      <title id="flow-svg-title">{t("experiments.flow.diagramTitle", { count: total })}</title>
      <rect x={(width - rootWidth) / 2} y={2} width={rootWidth} height={40} rx={6} className="flow-box flow-box--root" />
      <text x={width / 2} y={27} textAnchor="middle" className="flow-text flow-text--strong">
        {t("experiments.flow.randomised", { count: total })}
      </text>
      {flow.map((f, i) => (
        <g key={f.armId}>
          <path d={`M ${width / 2} 42 V 56 H ${x(i) + colWidth / 2} V ${top}`} className="flow-line" />
          {rows(f).map((r, k) => (
            <g key={k}>
              {k > 0 ? <path d={`M ${x(i) + colWidth / 2} ${y(k - 1) + boxH} V ${y(k)}`} className="flow-line" /> : null}
              <rect x={x(i) + 1} y={y(k)} width={colWidth - 2} height={boxH} rx={6} className={k === 3 ? "flow-box flow-box--lost" : "flow-box"} />
              <text x={x(i) + colWidth / 2} y={y(k) + 23} textAnchor="middle" className={r.strong ? "flow-text flow-text--strong" : "flow-text"}>
                {r.label.length > 20 ? `${r.label.slice(0, 19)}…` : r.label}
              </text>
              <text x={x(i) + colWidth / 2} y={y(k) + 44} textAnchor="middle" className="flow-text flow-text--value">
                {r.value}
              </text>
            </g>
          ))}
        </g>
      ))}
    </svg>
  );
}
