/**
 * Attendance arithmetic (../shared/DOMAIN.md): sessions attended of sessions held so far, where
 * late counts half and excused leaves the denominator. Pure: no database, no framework.
 *
 * - A session is "held" when its date is today or earlier and its roll has been taken (at least
 *   one mark recorded): a session whose roll nobody took does not count against anyone.
 * - In a held session, a person on the roster with no mark counts as absent.
 * - A firm attends when any of its owners does: per session the firm takes its owners' best
 *   mark (present, then late, then excused, then absent).
 * - A cohort's rate is over its firms: all attended sessions over all counted sessions.
 */
export const ATTENDANCE_STATUSES = ["present", "late", "absent", "excused"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_SOURCES = ["web", "offline", "import", "paper"] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

export const LATE_WEIGHT = 0.5;
export const DEFAULT_ATTENDANCE_THRESHOLD = 0.6;

export function isAttendanceStatus(value: unknown): value is AttendanceStatus {
  return typeof value === "string" && (ATTENDANCE_STATUSES as readonly string[]).includes(value);
}

export type Rate = {
  /** Sessions attended: present 1, late 0.5. */
  attended: number;
  /** Held sessions minus excused ones: the denominator. */
  counted: number;
  held: number;
  present: number;
  late: number;
  absent: number;
  excused: number;
  /** attended / counted, or null when nothing counts yet. */
  rate: number | null;
};

/** The rate from one mark per held session (undefined: no mark, counts as absent). */
export function rateOf(marks: readonly (AttendanceStatus | undefined | null)[]): Rate {
  let present = 0;
  let late = 0;
  let excused = 0;
  let absent = 0;
  for (const mark of marks) {
    if (mark === "present") present += 1;
    else if (mark === "late") late += 1;
    else if (mark === "excused") excused += 1;
    else absent += 1;
  }
  return finish({ held: marks.length, present, late, absent, excused });
}

function finish(counts: Pick<Rate, "held" | "present" | "late" | "absent" | "excused">): Rate {
  const attended = counts.present + LATE_WEIGHT * counts.late;
  const counted = counts.held - counts.excused;
  return { ...counts, attended, counted, rate: counted > 0 ? attended / counted : null };
}

/** Adds rates up (e.g. a cohort from its firms). */
export function sumRates(rates: readonly Rate[]): Rate {
  const total = { held: 0, present: 0, late: 0, absent: 0, excused: 0 };
  for (const r of rates) {
    total.held += r.held;
    total.present += r.present;
    total.late += r.late;
    total.absent += r.absent;
    total.excused += r.excused;
  }
  return finish(total);
}

/** Which of two owners' marks counts for the firm: the higher (firmMark). */
export const MARK_RANK: Readonly<Record<AttendanceStatus, number>> = { present: 3, late: 2, excused: 1, absent: 0 };

/** A firm's mark at one session from its owners' marks: the best of them. */
export function firmMark(ownerMarks: readonly (AttendanceStatus | undefined | null)[]): AttendanceStatus {
  let best: AttendanceStatus = "absent";
  for (const mark of ownerMarks) if (mark && MARK_RANK[mark] > MARK_RANK[best]) best = mark;
  return best;
}

/** Midnight UTC of the calendar day of `date`. */
function dayOf(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

export type SessionInput = { id: string; date: Date };
export type MarkInput = { sessionId: string; personId: string; status: AttendanceStatus };
export type PersonInput = { id: string; firmId: string };

/** The sessions that count: dated today or earlier, with the roll taken. Oldest first. */
export function heldSessions<S extends SessionInput>(sessions: readonly S[], marks: readonly Pick<MarkInput, "sessionId">[], now: Date): S[] {
  const taken = new Set<string>();
  for (const m of marks) taken.add(m.sessionId);
  const today = dayOf(now);
  return sessions.filter((s) => dayOf(s.date) <= today && taken.has(s.id)).sort((a, b) => a.date.getTime() - b.date.getTime());
}

export type CohortRates = {
  held: SessionInput[];
  perPerson: Map<string, Rate>;
  perFirm: Map<string, Rate>;
  /** Per held session: the firms' marks added up. */
  perSession: Map<string, Rate>;
  cohort: Rate;
};

/** Every figure of a cohort at once: per person, per firm, per session and overall. */
export function cohortRates(input: { sessions: readonly SessionInput[]; marks: readonly MarkInput[]; people: readonly PersonInput[]; now: Date }): CohortRates {
  const held = heldSessions(input.sessions, input.marks, input.now);
  const width = held.length;
  const column = new Map(held.map((s, i) => [s.id, i]));
  // One row of marks per person, in a flat array: MARK_RANK values, -1 for "no mark".
  const rowOf = new Map<string, number>();
  input.people.forEach((person, i) => rowOf.set(person.id, i));
  const grid = new Int8Array(input.people.length * width).fill(-1);
  for (const mark of input.marks) {
    const c = column.get(mark.sessionId);
    const r = rowOf.get(mark.personId);
    if (c !== undefined && r !== undefined) grid[r * width + c] = MARK_RANK[mark.status];
  }
  const perPerson = new Map<string, Rate>();
  const firmRows = new Map<string, number[]>();
  input.people.forEach((person, r) => {
    perPerson.set(person.id, rateOfRanks(grid, r * width, width));
    const rows = firmRows.get(person.firmId);
    if (rows) rows.push(r);
    else firmRows.set(person.firmId, [r]);
  });
  const perFirm = new Map<string, Rate>();
  const sessionCounts = held.map(() => ({ held: 0, present: 0, late: 0, absent: 0, excused: 0 }));
  const firmRow = new Int8Array(width);
  for (const [firmId, rows] of firmRows) {
    for (let c = 0; c < width; c++) {
      let best = -1;
      for (const r of rows) best = Math.max(best, grid[r * width + c]!);
      firmRow[c] = best;
      const counts = sessionCounts[c]!;
      counts.held += 1;
      if (best === 3) counts.present += 1;
      else if (best === 2) counts.late += 1;
      else if (best === 1) counts.excused += 1;
      else counts.absent += 1;
    }
    perFirm.set(firmId, rateOfRanks(firmRow, 0, width));
  }
  const perSession = new Map(held.map((s, i) => [s.id, finish(sessionCounts[i]!)]));
  return { held: [...held], perPerson, perFirm, perSession, cohort: sumRates([...perFirm.values()]) };
}

function rateOfRanks(ranks: Int8Array, from: number, width: number): Rate {
  let present = 0;
  let late = 0;
  let excused = 0;
  let absent = 0;
  for (let i = from; i < from + width; i++) {
    const rank = ranks[i]!;
    if (rank === 3) present += 1;
    else if (rank === 2) late += 1;
    else if (rank === 1) excused += 1;
    else absent += 1;
  }
  return finish({ held: width, present, late, absent, excused });
}

/** Whether a rate is below the programme's threshold (no figure yet is not flagged). */
export function isBelowThreshold(rate: Rate, threshold = DEFAULT_ATTENDANCE_THRESHOLD): boolean {
  return rate.rate !== null && rate.rate < threshold;
}
