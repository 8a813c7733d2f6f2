/**
 * Practice scores from checklist observations. Pure: no database, no framework.
 * The score is the share of points over the items observed: an item the coach could not see
 * (left blank) leaves the denominator instead of counting as zero.
 */
import { CHECKLIST_GROUPS, type ChecklistGroupKey, checklistItem } from "./checklist";

export type Observation = { readonly itemKey: string; readonly value: number };
export type Outcome = "done" | "partly" | "not_done";

/** Share of points, 0-1, over the observed items that the checklist knows; null when none. */
export function practiceScore(observations: readonly Observation[]): number | null {
  let points = 0;
  let possible = 0;
  for (const o of observations) {
    const item = checklistItem(o.itemKey);
    if (!item) continue;
    points += Math.max(0, Math.min(item.max, o.value));
    possible += item.max;
  }
  return possible === 0 ? null : points / possible;
}

/** The same share per checklist group (null for a group with no observed item). */
export function groupScores(observations: readonly Observation[]): Record<ChecklistGroupKey, number | null> {
  const byGroup = new Map<ChecklistGroupKey, Observation[]>(CHECKLIST_GROUPS.map((g) => [g.key, []]));
  for (const o of observations) {
    const item = checklistItem(o.itemKey);
    if (item) byGroup.get(item.group)!.push(o);
  }
  return Object.fromEntries([...byGroup].map(([group, list]) => [group, practiceScore(list)])) as Record<ChecklistGroupKey, number | null>;
}

/** Share of reviewed actions done by the next visit; `partly` counts half. Null when none was reviewed. */
export function followThroughRate(outcomes: readonly (Outcome | null | undefined)[]): number | null {
  let reviewed = 0;
  let done = 0;
  for (const outcome of outcomes) {
    if (!outcome) continue;
    reviewed += 1;
    done += outcome === "done" ? 1 : outcome === "partly" ? 0.5 : 0;
  }
  return reviewed === 0 ? null : done / reviewed;
}

export type VisitScores = { readonly date: Date | string; readonly observations: readonly Observation[] };

/**
 * Practice at the latest visit and the change from the baseline (the first visit). Visits are
 * ordered by date; the given order breaks ties. Visits with nothing observed are skipped.
 */
export function practiceTrend(visits: readonly VisitScores[]): { latest: number | null; baseline: number | null; change: number | null; visits: number } {
  const scored = visits
    .map((v, index) => ({ time: new Date(v.date).getTime(), index, score: practiceScore(v.observations) }))
    .filter((v): v is { time: number; index: number; score: number } => v.score !== null)
    .sort((a, b) => a.time - b.time || a.index - b.index);
  if (scored.length === 0) return { latest: null, baseline: null, change: null, visits: 0 };
  const baseline = scored[0]!.score;
  const latest = scored[scored.length - 1]!.score;
  return { latest, baseline, change: scored.length > 1 ? latest - baseline : null, visits: scored.length };
}

/** Scores packed as "itemKey:value,…" (CoachingVisit.checklistPacked); keys hold no ":" or ",". */
export function packScores(observations: readonly Observation[]): string {
  return observations.map((o) => `${o.itemKey}:${o.value}`).join(",");
}

export function unpackScores(packed: string): Observation[] {
  if (!packed) return [];
  return packed.split(",").map((pair) => {
    const at = pair.lastIndexOf(":");
    return { itemKey: pair.slice(0, at), value: Number(pair.slice(at + 1)) };
  });
}
