import { useTranslation } from "~/i18n/react";
import { type ChartPoint, chartGeometry } from "./chart";

export function Percent({ rate }: { rate: number | null }) {
  const { t } = useTranslation();
  return <>{rate === null ? t("attendance.noFigure") : `${Math.round(rate * 100)}%`}</>;
}

/** The cohort's attendance per held session: a plain SVG drawn on the server, no script. */
export function AttendanceChart({ series, threshold }: { series: ChartPoint[]; threshold: number }) {
  const { t } = useTranslation();
  if (series.length === 0) return <p>{t("attendance.noHeldSessions")}</p>;
  const g = chartGeometry(series);
  const summary = series.map((p) => `${p.label}: ${p.rate === null ? "–" : `${Math.round(p.rate * 100)}%`}`).join(", ");
  return (
    <figure className="stack">
      <svg className="chart" viewBox={`0 0 ${g.width} ${g.height}`} width={g.width} height={g.height} role="img" aria-label={`${t("attendance.chartTitle")}: ${summary}`}>
        {[0, 0.5, 1].map((r) => (
          <g key={r}>
            <line x1={g.pad} x2={g.width - g.pad / 2} y1={g.yFor(r)} y2={g.yFor(r)} stroke="#c9cfc7" strokeWidth="1" />
            <text x={2} y={g.yFor(r) + 4}>
              {Math.round(r * 100)}%
            </text>
          </g>
        ))}
        <line x1={g.pad} x2={g.width - g.pad / 2} y1={g.yFor(threshold)} y2={g.yFor(threshold)} stroke="#a4161a" strokeWidth="1" strokeDasharray="4 3" />
        <path d={g.path} fill="none" stroke="#1f4e3d" strokeWidth="2.5" />
        {g.dots.map((d) => (
          <circle key={`${d.x}`} cx={d.x} cy={d.y} r="3.5" fill="#1f4e3d" />
        ))}
        <text x={g.pad} y={g.height - 6}>
          {series[0]!.label}
        </text>
        <text x={g.width - g.pad / 2} y={g.height - 6} textAnchor="end">
          {series[series.length - 1]!.label}
        </text>
      </svg>
      <figcaption className="muted">{t("attendance.chartCaption", { threshold: Math.round(threshold * 100) })}</figcaption>
    </figure>
  );
}
