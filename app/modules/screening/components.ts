// Each component on 0-100 from the firm's own evidence alone (the table in DOMAIN.md). These raw
// values are what a person reads ("attended 80% of sessions"); the engine compares them within
// the comparison group before weighting them.
import type { ChecklistItemScore, CoachingVisitEvidence, FirmEvidence } from "./evidence";
import type { ComponentKey, ScreeningThresholds } from "./model";

export interface RawComponent {
  /** 0-100, or null when the evidence is below the model's minimum (insufficient). */
  readonly value: number | null;
  /** Orders equal values only; 0 except for knowledge (pre-to-post gain, in points). */
  readonly tieBreak: number;
  /** How much evidence stood behind it: sessions, modules, visits, actions or months. */
  readonly evidenceCount: number;
}

export type RawComponents = Readonly<Record<ComponentKey, RawComponent>>;

export interface ImprovementSuggestion {
  readonly itemKey: string;
  readonly value: number;
  readonly max: number;
  /** Points still to gain on this item: max - value. */
  readonly pointsAvailable: number;
}

export interface MeasuredFirm {
  readonly components: RawComponents;
  /** The latest visit that counted as an observation, for the improvement suggestions. */
  readonly latestVisit: CoachingVisitEvidence | undefined;
}

export function measureFirm(firm: FirmEvidence, t: ScreeningThresholds): MeasuredFirm {
  const visits = countedVisits(firm.visits ?? [], t.minChecklistItems);
  return {
    components: {
      practiceAdoption: practiceAdoption(visits),
      practiceImprovement: practiceImprovement(visits, t.minImprovementVisits),
      followThrough: followThrough(firm.visits ?? [], t.minFollowThroughActions),
      knowledge: knowledge(firm, t.minQuizModules),
      attendance: attendance(firm, t.minAttendanceSessions),
      recordsEvidence: recordsEvidence(firm.recordsMonthsSeen, t.recordsMonthsCap),
    },
    latestVisit: visits.at(-1),
  };
}

/** Late counts half; excused sessions leave the denominator. */
export function attendance(firm: FirmEvidence, minSessions: number): RawComponent {
  const a = firm.attendance;
  if (!a) return insufficient(0);
  const countable = finiteOr0(a.held) - finiteOr0(a.excused);
  if (countable <= 0 || countable < minSessions) return insufficient(Math.max(0, countable));
  const share = (finiteOr0(a.attended) + 0.5 * finiteOr0(a.late)) / countable;
  return measured(100 * clamp01(share), countable);
}

/**
 * Mean FIRST post-test score over the modules the owner took a post-test in (the best one only
 * when the first is unknown). After a post-test the owner sees every explanation, so a retake
 * measures memory of the explanations more than what the lesson taught (docs/decisions/0007).
 * The pre-to-post gain only breaks ties; a module without a pre-test adds no gain.
 */
export function knowledge(firm: FirmEvidence, minModules: number): RawComponent {
  let postSum = 0;
  let gainSum = 0;
  let modules = 0;
  for (const m of firm.quiz ?? []) {
    const first = share(m.postTestFirstScore);
    const best = share(m.postTestBestScore);
    const post = first ?? best;
    if (post === null) continue;
    const pre = share(m.preTestScore);
    postSum += post;
    gainSum += pre === null ? 0 : post - pre;
    modules += 1;
  }
  if (modules === 0 || modules < minModules) return insufficient(modules);
  return { value: (100 * postSum) / modules, tieBreak: (100 * gainSum) / modules, evidenceCount: modules };
}

/** Share of checklist points in place at the latest counted visit. */
export function practiceAdoption(visits: readonly CoachingVisitEvidence[]): RawComponent {
  const latest = visits.at(-1);
  if (!latest) return insufficient(0);
  return measured(100 * checklistShare(latest), visits.length);
}

/**
 * Checklist percentage points gained from the baseline (first counted) visit to the latest.
 * A loss counts as no gain: the component rewards improvement; adoption already shows the level.
 */
export function practiceImprovement(
  visits: readonly CoachingVisitEvidence[],
  minVisits: number,
): RawComponent {
  const baseline = visits[0];
  const latest = visits.at(-1);
  if (!baseline || !latest || visits.length < Math.max(2, minVisits)) return insufficient(visits.length);
  return measured(100 * Math.max(0, checklistShare(latest) - checklistShare(baseline)), visits.length);
}

/** Agreed actions reviewed at a later visit: done counts 1, partly 1/2, not done 0. */
export function followThrough(visits: readonly CoachingVisitEvidence[], minActions: number): RawComponent {
  let points = 0;
  let reviewed = 0;
  for (const visit of visits) {
    for (const action of visit.actions) {
      if (!action.outcome) continue;
      reviewed += 1;
      points += action.outcome === "done" ? 1 : action.outcome === "partly" ? 0.5 : 0;
    }
  }
  if (reviewed === 0 || reviewed < minActions) return insufficient(reviewed);
  return measured((100 * points) / reviewed, reviewed);
}

/** Months of records seen, capped, as a share of the cap. */
export function recordsEvidence(months: number | null | undefined, cap: number): RawComponent {
  if (months === null || months === undefined || !Number.isFinite(months)) return insufficient(0);
  const seen = Math.max(0, months);
  return measured((100 * Math.min(seen, cap)) / cap, seen);
}

/**
 * Visits in date order that scored enough of the checklist to count as an observation. A visit
 * that scored only a few items (a short stop) would otherwise swing adoption on a handful.
 */
export function countedVisits(
  visits: readonly CoachingVisitEvidence[],
  minItems: number,
): CoachingVisitEvidence[] {
  return inDateOrder(visits).filter(
    (visit) => visit.checklist.length >= minItems && visit.checklist.some((item) => finiteOr0(item.max) > 0),
  );
}

/** Share (0-1) of the checklist points in place at a visit; values are clamped to 0..max. */
export function checklistShare(visit: CoachingVisitEvidence): number {
  let points = 0;
  let possible = 0;
  for (const item of visit.checklist) {
    const max = finiteOr0(item.max);
    if (max <= 0) continue;
    possible += max;
    points += Math.min(max, Math.max(0, finiteOr0(item.value)));
  }
  return possible > 0 ? points / possible : 0;
}

/** Stable: visits on the same date keep the caller's order. Usually already sorted: no copy. */
function inDateOrder(visits: readonly CoachingVisitEvidence[]): readonly CoachingVisitEvidence[] {
  const sorted = visits.every((v, i) => i === 0 || compareStrings(visits[i - 1]!.date, v.date) <= 0);
  if (sorted) return visits;
  return visits
    .map((visit, index) => ({ visit, index }))
    .sort((a, b) => compareStrings(a.visit.date, b.visit.date) || a.index - b.index)
    .map(({ visit }) => visit);
}

/**
 * The items most worth working on next: below their maximum at the latest counted visit, most
 * points available first, then by item key so the list never depends on input order.
 */
export function improveNext(latest: CoachingVisitEvidence | undefined, count = 3): ImprovementSuggestion[] {
  if (!latest) return [];
  const pointsAvailable = (item: ChecklistItemScore) => item.max - Math.max(0, finiteOr0(item.value));
  return latest.checklist
    .filter((item) => finiteOr0(item.max) > 0 && pointsAvailable(item) > 0)
    .sort((a, b) => pointsAvailable(b) - pointsAvailable(a) || compareStrings(a.itemKey, b.itemKey))
    .slice(0, count)
    .map((item) => ({
      itemKey: item.itemKey,
      value: item.max - pointsAvailable(item),
      max: item.max,
      pointsAvailable: pointsAvailable(item),
    }));
}

/** Code-unit order: the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function measured(value: number, evidenceCount: number): RawComponent {
  return { value, tieBreak: 0, evidenceCount };
}

function insufficient(evidenceCount: number): RawComponent {
  return { value: null, tieBreak: 0, evidenceCount };
}

function share(score: number | null | undefined): number | null {
  return score === null || score === undefined || !Number.isFinite(score) ? null : clamp01(score);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function finiteOr0(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
