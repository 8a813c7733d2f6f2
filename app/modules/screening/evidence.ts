// What the engine needs to know about one firm. Every kind of evidence is optional: an on-site-only
// firm has no class sessions, a firm may not have been visited yet. Missing evidence is handled
// by the engine (never as a zero); callers should pass what they have and leave the rest out.

/** Class-session counts for the firm (its owners together). `held` counts every session held. */
export interface AttendanceEvidence {
  readonly held: number;
  /** Came on time. */
  readonly attended: number;
  /** Came late: counts half. */
  readonly late: number;
  /** Excused absences leave the denominator: the firm is judged on sessions it could attend. */
  readonly excused: number;
}

/** One module's quiz results, each a share of questions right, 0-1. */
export interface QuizModuleEvidence {
  readonly moduleSlug: string;
  readonly preTestScore?: number | null;
  readonly postTestFirstScore?: number | null;
  /** Best post-test attempt; when absent the first attempt stands in. */
  readonly postTestBestScore?: number | null;
}

/** A checklist item as scored at a visit: 0/1, or 0-2 where the item is graded. */
export interface ChecklistItemScore {
  readonly itemKey: string;
  readonly value: number;
  readonly max: number;
}

/** Recorded at the next visit; `partly` counts half toward follow-through. */
export type ActionOutcome = "done" | "partly" | "not_done";

export interface AgreedAction {
  /** Null or absent until a later visit has reviewed the action. */
  readonly outcome?: ActionOutcome | null;
}

export interface CoachingVisitEvidence {
  /** ISO date (YYYY-MM-DD or a full timestamp); the first visit is the baseline. */
  readonly date: string;
  readonly checklist: readonly ChecklistItemScore[];
  readonly actions: readonly AgreedAction[];
}

export interface FirmEvidence {
  readonly id: string;
  readonly cohortId: string;
  readonly country: string;
  readonly sector: string;
  readonly attendance?: AttendanceEvidence | null;
  readonly quiz?: readonly QuizModuleEvidence[] | null;
  /** In date order (the engine re-sorts by date, keeping the given order for equal dates). */
  readonly visits?: readonly CoachingVisitEvidence[] | null;
  /** Months of sales and cost records the coach has seen. */
  readonly recordsMonthsSeen?: number | null;
}
