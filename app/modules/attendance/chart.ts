/**
 * The cohort's attendance over time as a plain SVG line: pure geometry, rendered on the server,
 * no charting library and no JavaScript in the browser.
 */
export type ChartPoint = { label: string; rate: number | null };

export function chartGeometry(points: readonly ChartPoint[], size = { width: 320, height: 160, pad: 28 }) {
  const { width, height, pad } = size;
  const innerW = width - pad * 1.5;
  const innerH = height - pad * 2;
  const step = points.length > 1 ? innerW / (points.length - 1) : 0;
  const at = (i: number, rate: number) => ({ x: pad + i * step, y: pad + (1 - rate) * innerH });
  const dots = points.flatMap((p, i) => (p.rate === null ? [] : [{ ...at(i, p.rate), label: p.label, rate: p.rate }]));
  const path = dots.map((d, i) => `${i === 0 ? "M" : "L"}${d.x.toFixed(1)},${d.y.toFixed(1)}`).join(" ");
  const yFor = (rate: number) => pad + (1 - rate) * innerH;
  return { width, height, pad, path, dots, yFor };
}
