// A repeating schedule: N sessions from a date, every so many days, with the ticked modules spread
// over them in order. Pure, so the preview and the save compute the same plan.

export const MAX_SERIES = 60;

export type PlannedSession = { readonly date: string; readonly modules: readonly string[] };

/** "YYYY-MM-DD" plus whole days, by the calendar (sessions are stored by UTC day). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Module j of M goes to session floor(j * N / M): with more modules than sessions each session
 * takes a run of neighbours, with fewer they are spread out with gaps, and the order is kept.
 */
export function planSeries(input: { start: string; count: number; everyDays: number; modules: readonly string[] }): PlannedSession[] {
  const count = Math.max(1, Math.min(MAX_SERIES, Math.floor(input.count)));
  const every = Math.max(1, Math.floor(input.everyDays));
  const perSession: string[][] = Array.from({ length: count }, () => []);
  input.modules.forEach((slug, j) => perSession[Math.floor((j * count) / input.modules.length)]!.push(slug));
  return perSession.map((modules, i) => ({ date: addDays(input.start, i * every), modules }));
}

/** The idempotency key of the i-th session of a series: the form's own key for a single session. */
export function seriesClientId(clientId: string, index: number, count: number): string {
  return count === 1 ? clientId : `${clientId}-${index + 1}`;
}
