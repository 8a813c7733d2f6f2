// How a firm's gathered evidence is kept in ScreeningEvidence.data: compact JSON, read back for
// 10,000 firms at every screening, so a visit's checklist is one character per checklist item
// ("2-10…": the value, or "-" where the coach scored nothing) instead of a list of objects, and
// the decoded checklist entries are shared objects, not a million new ones. Pure: no database.
import { CHECKLIST } from "~/modules/coaching/checklist";
import type {
  ActionOutcome,
  AgreedAction,
  AttendanceEvidence,
  ChecklistItemScore,
  CoachingVisitEvidence,
  QuizModuleEvidence,
} from "./evidence";

/** What the records say about one firm, before the comparison group and facts are added. */
export interface GatheredEvidence {
  readonly attendance: AttendanceEvidence | null;
  readonly quiz: readonly QuizModuleEvidence[] | null;
  readonly quizAttempts: number;
  /** In date order. */
  readonly visits: readonly CoachingVisitEvidence[] | null;
  readonly recordsMonthsSeen: number | null;
}

/**
 * Changes whenever the encoding or the checklist (its items, their order or their maximum)
 * changes: rows written under another format are gathered again rather than misread.
 */
export const EVIDENCE_FORMAT = `1.${hash(CHECKLIST.map((item) => `${item.key}:${item.max}`).join(","))}`;

type Stored = {
  /** held, attended, late, excused */
  a?: [number, number, number, number];
  /** [moduleSlug, pre, first post, best post] */
  q?: [string, number | null, number | null, number | null][];
  n?: number;
  /** [date, checklist, actions] */
  v?: [string, string, string][];
  r?: number;
};

export function encodeEvidence(evidence: GatheredEvidence): string {
  const stored: Stored = {};
  const a = evidence.attendance;
  if (a) stored.a = [a.held, a.attended, a.late, a.excused];
  if (evidence.quiz) {
    stored.q = evidence.quiz.map((m) => [m.moduleSlug, m.preTestScore ?? null, m.postTestFirstScore ?? null, m.postTestBestScore ?? null]);
  }
  if (evidence.quizAttempts) stored.n = evidence.quizAttempts;
  if (evidence.visits) stored.v = evidence.visits.map((v) => [v.date, encodeChecklist(v.checklist), v.actions.map((x) => ACTION_CODE[x.outcome ?? "open"]).join("")]);
  if (evidence.recordsMonthsSeen !== null) stored.r = evidence.recordsMonthsSeen;
  return JSON.stringify(stored);
}

/** Null when the text is not evidence of this format (the caller gathers the firm again). */
export function decodeEvidence(text: string): GatheredEvidence | null {
  let stored: Stored;
  try {
    stored = JSON.parse(text) as Stored;
  } catch {
    return null;
  }
  if (typeof stored !== "object" || stored === null) return null;
  const visits: CoachingVisitEvidence[] = [];
  for (const [date, checklist, actions] of stored.v ?? []) {
    const decoded = decodeChecklist(checklist);
    if (!decoded) return null;
    visits.push({ date, checklist: decoded, actions: Array.from(actions, (code) => ACTION_OF_CODE[code] ?? OPEN) });
  }
  const a = stored.a;
  return {
    attendance: a ? { held: a[0], attended: a[1], late: a[2], excused: a[3] } : null,
    quiz: stored.q
      ? stored.q.map(([moduleSlug, pre, first, best]) => ({ moduleSlug, preTestScore: pre, postTestFirstScore: first, postTestBestScore: best }))
      : null,
    quizAttempts: stored.n ?? 0,
    visits: stored.v ? visits : null,
    recordsMonthsSeen: stored.r ?? null,
  };
}

const INDEX_OF = new Map(CHECKLIST.map((item, index) => [item.key, index]));
/** SCORES[index][value]: one frozen entry per item and whole value from 0 to 9. */
const SCORES: readonly (readonly ChecklistItemScore[])[] = CHECKLIST.map((item) =>
  Array.from({ length: 10 }, (_, value) => Object.freeze({ itemKey: item.key, value, max: item.max })),
);

/**
 * "2-10…" in checklist order when every value is a whole number from 0 to 9 on a known item (what
 * the visit form allows); anything else is kept as "~key:value,…" and decoded as written.
 */
function encodeChecklist(checklist: readonly ChecklistItemScore[]): string {
  const dense = Array<string>(CHECKLIST.length).fill("-");
  for (const score of checklist) {
    const index = INDEX_OF.get(score.itemKey);
    const known = index !== undefined && CHECKLIST[index]!.max === score.max;
    if (!known || !Number.isInteger(score.value) || score.value < 0 || score.value > 9 || dense[index] !== "-") {
      return `~${checklist.map((s) => `${s.itemKey}:${s.value}:${s.max}`).join(",")}`;
    }
    dense[index] = String(score.value);
  }
  return dense.join("");
}

function decodeChecklist(code: string): ChecklistItemScore[] | null {
  if (code.startsWith("~")) {
    if (code === "~") return [];
    const out: ChecklistItemScore[] = [];
    for (const part of code.slice(1).split(",")) {
      const [itemKey, value, max] = part.split(":");
      if (!itemKey || value === undefined || max === undefined) return null;
      out.push({ itemKey, value: Number(value), max: Number(max) });
    }
    return out;
  }
  if (code.length !== CHECKLIST.length) return null;
  const out: ChecklistItemScore[] = [];
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) out.push(SCORES[i]![c]!);
    else if (code[i] !== "-") return null;
  }
  return out;
}

const ACTION_CODE: Record<ActionOutcome | "open", string> = { done: "d", partly: "p", not_done: "n", open: "o" };
const OPEN: AgreedAction = Object.freeze({ outcome: null });
const ACTION_OF_CODE: Record<string, AgreedAction> = {
  d: Object.freeze({ outcome: "done" }),
  p: Object.freeze({ outcome: "partly" }),
  n: Object.freeze({ outcome: "not_done" }),
  o: OPEN,
};

/** FNV-1a, as a short base-36 tag. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
