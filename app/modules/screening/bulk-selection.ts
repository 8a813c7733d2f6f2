// Deciding for the top N firms of a class or comparison group in one step. Pure: the batch is
// planned from one screening run, and each firm's decision is still judged against the ranking
// on its own (selection.ts), counting the decisions made earlier in the same batch.
import type { ComparisonGroup, FirmScreening } from "./engine";
import { againstRanking, type AgainstReason, type Decision } from "./selection";

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
  const decided = results
    .filter((r) => after.has(r.firmId))
    .map((r) => ({ firmId: r.firmId, total: r.total, eligible: r.eligibility.eligible, decision: after.get(r.firmId)! }));
  const eligibleTotals = results.filter((r) => r.eligibility.eligible && r.total !== null).map((r) => r.total!);
  const writes = todo.map((result) => ({
    result,
    against: againstRanking({ firmId: result.firmId, total: result.total, eligible: result.eligibility.eligible }, decision, decided, eligibleTotals),
  }));
  return { picked, writes, skipped: picked.length - todo.length };
}
