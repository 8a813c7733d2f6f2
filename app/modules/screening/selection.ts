// Selection decisions: when a decision goes against the ranking (and so needs a written reason),
// and the score snapshot each decision keeps. Pure: no database, no framework.
import type { FirmScreening } from "./engine";
import { COMPONENT_KEYS, type ComponentKey } from "./model";

export const DECISIONS = ["selected", "waitlisted", "not_selected"] as const;
export type Decision = (typeof DECISIONS)[number];

export function isDecision(value: unknown): value is Decision {
  return typeof value === "string" && (DECISIONS as readonly string[]).includes(value);
}

/** selected is ahead of waitlisted, which is ahead of not selected. */
const LEVEL: Record<Decision, number> = { selected: 2, waitlisted: 1, not_selected: 0 };

/** Why a decision goes against the ranking; each is a translation key under screening.against. */
export type AgainstReason = "ineligible" | "noScore" | "passesHigher" | "belowLower" | "topFifthNotSelected";

export interface RankedFirm {
  readonly firmId: string;
  readonly total: number | null;
  readonly eligible: boolean;
}

/**
 * A decision goes against the ranking when it would:
 * - select a firm that is ineligible or has no score;
 * - put the firm ahead of a firm with a higher score (e.g. select it while a higher-scored firm
 *   is waitlisted or not selected), or behind a firm with a lower score (e.g. not select it while
 *   a lower-scored firm is selected or waitlisted), judged against the other firms' standing
 *   decisions;
 * - leave out (not select) a firm in the top fifth of the eligible firms by score.
 * Scores are compared to one decimal, as shown, so a tie is never "against".
 */
export function againstRanking(
  firm: RankedFirm,
  decision: Decision,
  others: readonly (RankedFirm & { readonly decision: Decision })[],
  eligibleTotals: readonly number[],
): AgainstReason[] {
  const reasons: AgainstReason[] = [];
  if (decision === "selected" && firm.total === null) reasons.push("noScore");
  if (decision === "selected" && !firm.eligible) reasons.push("ineligible");
  if (firm.total === null) return reasons;
  const own = Math.round(firm.total * 10);
  const level = LEVEL[decision];
  let passesHigher = false;
  let belowLower = false;
  for (const other of others) {
    if (other.firmId === firm.firmId || other.total === null) continue;
    const theirs = Math.round(other.total * 10);
    const theirLevel = LEVEL[other.decision];
    // An ineligible firm left behind is no firm passed over.
    if (theirs > own && theirLevel < level && other.eligible) passesHigher = true;
    if (theirs < own && theirLevel > level && firm.eligible) belowLower = true;
  }
  if (passesHigher) reasons.push("passesHigher");
  if (belowLower) reasons.push("belowLower");
  if (decision === "not_selected" && firm.eligible && eligibleTotals.length > 0) {
    const sorted = [...eligibleTotals].map((t) => Math.round(t * 10)).sort((a, b) => b - a);
    const cut = sorted[Math.max(0, Math.ceil(sorted.length / 5) - 1)]!;
    if (own >= cut) reasons.push("topFifthNotSelected");
  }
  return reasons;
}

export interface ScoreSnapshot {
  readonly total: number | null;
  readonly percentile: number | null;
  readonly rank: number | null;
  readonly comparisonGroup: FirmScreening["comparisonGroup"];
  readonly eligible: boolean;
  readonly eligibilityReasons: readonly string[];
  readonly confidence: "high" | "low";
  readonly components: Readonly<
    Record<ComponentKey, { raw: number | null; percentile: number | null; contribution: number | null; status: string }>
  >;
}

export function snapshotOf(result: FirmScreening): ScoreSnapshot {
  const components = {} as Record<ComponentKey, ScoreSnapshot["components"][ComponentKey]>;
  for (const key of COMPONENT_KEYS) {
    const c = result.components[key];
    components[key] = { raw: c.raw, percentile: c.standardised, contribution: c.contribution, status: c.status };
  }
  return {
    total: result.total,
    percentile: result.percentile,
    rank: result.rank,
    comparisonGroup: result.comparisonGroup,
    eligible: result.eligibility.eligible,
    eligibilityReasons: result.eligibility.reasons,
    confidence: result.confidence.level,
    components,
  };
}

/** A stored snapshot read back; anything unreadable is null rather than a crash. */
export function parseSnapshot(text: string): ScoreSnapshot | null {
  try {
    const value = JSON.parse(text) as ScoreSnapshot;
    return value && typeof value === "object" && "components" in value ? value : null;
  } catch {
    return null;
  }
}
