import { useTranslation } from "~/i18n/react";
import type { Language } from "~/i18n/languages";
import { CHECKLIST_GROUPS, type ChecklistGroupKey } from "~/modules/coaching/checklist";

export type ChartVisit = { overall: number | null; groups: Record<ChecklistGroupKey, number | null> };

const COLOURS: Record<ChecklistGroupKey | "overall", string> = {
  overall: "#1f4e3d",
  five_s: "#b5480f",
  flow_quality: "#2458a6",
  records_money: "#7a3fa0",
  customers_planning: "#5c6b00",
};
const DASHES: Record<ChecklistGroupKey, string> = { five_s: "6 3", flow_quality: "2 3", records_money: "8 3 2 3", customers_planning: "1 0" };

/**
 * Practice score per visit, overall and per checklist group, drawn on the server as plain SVG:
 * no charting library reaches the phone. The numbers are also written out beside each visit.
 */
export function PracticeChart({ visits, language }: { visits: ChartVisit[]; language: Language }) {
  const { t } = useTranslation();
  const width = 320;
  const height = 180;
  const left = 34;
  const right = 10;
  const top = 10;
  const bottom = 26;
  const x = (i: number) => (visits.length === 1 ? left + (width - left - right) / 2 : left + (i * (width - left - right)) / (visits.length - 1));
  const y = (v: number) => top + (1 - v) * (height - top - bottom);
  const line = (values: (number | null)[]) =>
    values
      .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .filter(Boolean)
      .join(" ");
  return (
    <figure className="practice-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="practice-chart-title practice-chart-desc" className="practice-chart__svg">
        <title id="practice-chart-title">{t("coaching.chartTitle")}</title>
        <desc id="practice-chart-desc">{t("coaching.chartDescription")}</desc>
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={left} x2={width - right} y1={y(v)} y2={y(v)} stroke="#d5dad3" strokeWidth={1} />
            <text x={left - 4} y={y(v) + 4} fontSize={10} textAnchor="end" fill="#4a4a4a">
              {Math.round(v * 100)}%
            </text>
          </g>
        ))}
        {visits.map((_, i) => (
          <text key={i} x={x(i)} y={height - 8} fontSize={10} textAnchor="middle" fill="#4a4a4a">
            {i + 1}
          </text>
        ))}
        {CHECKLIST_GROUPS.map((group) => (
          <polyline key={group.key} points={line(visits.map((v) => v.groups[group.key]))} fill="none" stroke={COLOURS[group.key]} strokeWidth={1.5} strokeDasharray={DASHES[group.key]} />
        ))}
        <polyline points={line(visits.map((v) => v.overall))} fill="none" stroke={COLOURS.overall} strokeWidth={3} />
        {visits.map((v, i) => (v.overall === null ? null : <circle key={i} cx={x(i)} cy={y(v.overall)} r={4} fill={COLOURS.overall} />))}
      </svg>
      <figcaption>
        <ul className="plain-list practice-chart__legend">
          <li>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="0" x2="28" y1="5" y2="5" stroke={COLOURS.overall} strokeWidth={3} />
            </svg>{" "}
            {t("coaching.overall")}
          </li>
          {CHECKLIST_GROUPS.map((group) => (
            <li key={group.key}>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="0" x2="28" y1="5" y2="5" stroke={COLOURS[group.key]} strokeWidth={2} strokeDasharray={DASHES[group.key]} />
              </svg>{" "}
              {group.label[language]}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
