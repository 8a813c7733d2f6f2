import { useTranslation } from "~/i18n/react";
import { NavLink } from "react-router";
import type { ComponentResult } from "~/modules/screening/engine";
import { COMPONENT_KEYS, type ComponentKey } from "~/modules/screening/model";
import { percentileDigits, shownPercentile } from "~/modules/screening/display";
import type { Decision } from "~/modules/screening/selection";

/** Scores with one decimal in the viewer's locale; an em dash when there is none. */
export function useScoreFormat(language: string) {
  const format = new Intl.NumberFormat(language, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return (value: number | null | undefined) => (value === null || value === undefined ? "—" : format.format(value));
}

/** A percentile in the viewer's locale, never rounded to 0 or 100 (modules/screening/display.ts). */
export function usePercentileFormat(language: string) {
  return (value: number) => {
    const digits = percentileDigits(value);
    return new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(shownPercentile(value));
  };
}

export function ScreeningNav({ programmeId, current }: { programmeId: string; current: "list" | "model" | "outcomes" | "validity" }) {
  const { t } = useTranslation();
  const base = `/programmes/${programmeId}/screening`;
  const links = [
    { key: "list", to: base, label: t("screening.nav.list") },
    { key: "model", to: `${base}/model`, label: t("screening.nav.model") },
    { key: "outcomes", to: `${base}/outcomes`, label: t("screening.nav.outcomes") },
    { key: "validity", to: `${base}/validity`, label: t("screening.nav.validity") },
  ] as const;
  return (
    <nav aria-label={t("screening.nav.label")} className="screening-nav">
      {links.map((l) => (
        <NavLink key={l.key} to={l.to} end aria-current={l.key === current ? "page" : undefined} className="button">
          {l.label}
        </NavLink>
      ))}
    </nav>
  );
}

export function DemoNotice({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  return demo ? <p className="demo-badge">{t("screening.demoData")}</p> : null;
}

export function ComponentHeaders() {
  const { t } = useTranslation();
  return (
    <>
      {COMPONENT_KEYS.map((key) => (
        <th key={key} scope="col" className="num">
          <abbr title={t(`screening.components.${key}`)}>{t(`screening.short.${key}`)}</abbr>
        </th>
      ))}
    </>
  );
}

/** The percentile each component counted at; "n/a" marks insufficient evidence (never a zero). */
export function ComponentCells({ components, format }: { components: Readonly<Record<ComponentKey, ComponentResult>>; format: (n: number | null) => string }) {
  const { t } = useTranslation();
  return (
    <>
      {COMPONENT_KEYS.map((key) => {
        const c = components[key];
        return (
          <td key={key} className="num">
            {c.status === "insufficient" ? <span className="muted">{t("screening.noEvidence")}</span> : format(c.standardised ?? c.raw)}
          </td>
        );
      })}
    </>
  );
}

export function DecisionText({ decision, against }: { decision: Decision; against: boolean }) {
  const { t } = useTranslation();
  return (
    <span>
      {t(`screening.decisions.${decision}`)}
      {against ? <span className="flag small"> {t("screening.againstRanking")}</span> : null}
    </span>
  );
}

/** Firms per band of ten points, drawn on the server: no script, prints as it shows. */
export function Distribution({ bands, unscored }: { bands: readonly number[]; unscored: number }) {
  const { t } = useTranslation();
  const width = 320;
  const height = 140;
  const pad = { left: 28, bottom: 22, top: 14 };
  const max = Math.max(1, ...bands);
  const barWidth = (width - pad.left) / bands.length;
  const plot = height - pad.bottom - pad.top;
  return (
    <figure className="screening-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="distribution-title">
        {/* One string: a <title> with several text children does not hydrate (React renders them apart). */}
        <title id="distribution-title">{`${t("screening.chartTitle")}: ${bands.map((n, i) => `${i * 10}-${i * 10 + 10}: ${n}`).join(", ")}`}</title>
        <line x1={pad.left} x2={width} y1={height - pad.bottom} y2={height - pad.bottom} stroke="#555" />
        <text x={pad.left - 4} y={pad.top + 4} textAnchor="end" fontSize="10">
          {max}
        </text>
        <text x={pad.left - 4} y={height - pad.bottom} textAnchor="end" fontSize="10">
          0
        </text>
        {bands.map((n, i) => {
          const h = (n / max) * plot;
          const x = pad.left + i * barWidth + 2;
          return (
            <g key={i}>
              <rect x={x} y={height - pad.bottom - h} width={barWidth - 4} height={h} fill="#2f6f4e" />
              {n > 0 ? (
                <text x={x + (barWidth - 4) / 2} y={height - pad.bottom - h - 3} textAnchor="middle" fontSize="9">
                  {n}
                </text>
              ) : null}
              <text x={pad.left + i * barWidth} y={height - 6} fontSize="9">
                {i * 10}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {t("screening.chartTitle")}
        {unscored > 0 ? ` · ${t("screening.unscored", { count: unscored })}` : ""}
      </figcaption>
    </figure>
  );
}
