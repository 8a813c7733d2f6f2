// Deciding for the top N firms of a class or comparison group in one step. Pure: the batch is
// planned from one screening run, and each firm's decision is still judged against the ranking
// on its own (selection.ts), counting the decisions made earlier in the same batch.
import type { ComparisonGroup, FirmScreening } from "./engine";
import type { AgainstReason, Decision } from "./selection";

export const BULK_DECISIONS = ["selected", "waitlisted"] as const satisfies readonly Decision[];
export type BulkDecision = (typeof BULK_DECISIONS)[number];
export const BULK_MAX = 5000;

/** A class (by id) or a comparison group of country and sector (by the engine's group key). */
export type BulkScope = { readonly kind: "cohort"; readonly cohortId: string } | { readonly kind: "group"; readonly key: string };

export function scopeValue(scope: BulkScope): string {
  return scope.kind === "cohort" ? `cohort:${scope.cohortId}` : `group:${scope.key}`;
}

export function parseScope(value: string): BulkScope | null {
  if (value.startsWith("cohort:") && value.length > 7) return { kind: "cohort", cohortId: value.slice(7) };
  if (value.startsWith("group:") && value.length > 6) return { kind: "group", key: value.slice(6) };
  return null;
}

/** The comparison group a scope ranks firms in: a class ranks within the class. */
export function groupOf(scope: BulkScope): ComparisonGroup {
  return scope.kind === "cohort" ? "cohort" : "countrySector";
}

/** A country-and-sector group's key, as the engine writes it. */
export function groupKey(country: string, sector: string): string {
  return JSON.stringify([country, sector]);
}

function inScope(result: FirmScreening, scope: BulkScope): boolean {
  return scope.kind === "cohort" ? result.cohortId === scope.cohortId : result.comparisonGroup.kind === "countrySector" && result.comparisonGroup.key === scope.key;
}

/** The eligible firms with a score in the scope, highest first (equal scores keep the engine's order). */
export function topOf(results: readonly FirmScreening[], scope: BulkScope, count: number): FirmScreening[] {
  return results
    .filter((r) => inScope(r, scope) && r.eligibility.eligible && r.total !== null)
    .sort((a, b) => b.total! - a.total!)
    .slice(0, Math.max(0, count));
}

export interface BulkPlan {
  /** The firms taken from the top, highest first. */
  readonly picked: readonly FirmScreening[];
  /** The decisions to write: picked firms whose standing decision is not already this one. */
  readonly writes: readonly { readonly result: FirmScreening; readonly against: readonly AgainstReason[] }[];
  /** Picked firms that already had this decision: left as they are, so a second tap writes nothing. */
  readonly skipped: number;
}

export function planBulk(
  results: readonly FirmScreening[],
  scope: BulkScope,
  count: number,
  decision: BulkDecision,
  standing: ReadonlyMap<string, Decision>,
): BulkPlan {
  const picked = topOf(results, scope, count);
  const todo = picked.filter((r) => standing.get(r.firmId) !== decision);
  // Every firm's decision as it will stand after the batch, for the against-the-ranking test.
  const after = new Map(standing);
  for (const r of todo) after.set(r.firmId, decision);
  const decided = results.filter((r) => after.has(r.firmId)).map((r) => ({ total: r.total, eligible: r.eligibility.eligible, decision: after.get(r.firmId)! }));
  const test = againstRankingTest(decided);
  const writes = todo.map((result) => ({ result, against: test({ total: result.total, eligible: result.eligibility.eligible }, decision) }));
  return { picked, writes, skipped: picked.length - todo.length };
}

const LEVEL: Record<Decision, number> = { selected: 2, waitlisted: 1, not_selected: 0 };

/**
 * selection.ts's againstRanking for a bulk decision (selected or waitlisted), answered for many
 * firms from one pass over the standing decisions instead of one pass per firm (1,000 x 10,000
 * comparisons otherwise): per decision level, the highest eligible score and the lowest score.
 * A firm passes a higher one when some lower level holds a higher eligible score, and stands
 * below a lower one when some higher level holds a lower score. Scores compare to one decimal,
 * as there. A firm compared with itself never counts: its own level is neither above nor below.
 * bulk-selection.test.ts checks the two agree.
 */
export function againstRankingTest(decided: readonly { total: number | null; eligible: boolean; decision: Decision }[]) {
  const highestEligible = [-Infinity, -Infinity, -Infinity];
  const lowest = [Infinity, Infinity, Infinity];
  for (const d of decided) {
    if (d.total === null) continue;
    const score = Math.round(d.total * 10);
    const level = LEVEL[d.decision];
    if (d.eligible) highestEligible[level] = Math.max(highestEligible[level]!, score);
    lowest[level] = Math.min(lowest[level]!, score);
  }
  return (firm: { total: number | null; eligible: boolean }, decision: BulkDecision): AgainstReason[] => {
    const reasons: AgainstReason[] = [];
    if (decision === "selected" && firm.total === null) reasons.push("noScore");
    if (decision === "selected" && !firm.eligible) reasons.push("ineligible");
    if (firm.total === null) return reasons;
    const own = Math.round(firm.total * 10);
    const level = LEVEL[decision];
    if (highestEligible.some((score, l) => l < level && score > own)) reasons.push("passesHigher");
    if (firm.eligible && lowest.some((score, l) => l > level && score < own)) reasons.push("belowLower");
    return reasons;
  };
}
