// Follow-up outcomes: reading them from a CSV import (all rows valid or nothing is written), and
// turning a firm's outcomes into the growth the validity page ranks firms by. Pure.
import { parseCsv } from "./tabular";

export const OUTCOME_MEASURES = ["sales", "valueAdded", "workers", "practiceScore"] as const;
export type OutcomeMeasure = (typeof OUTCOME_MEASURES)[number];

/** Growth measures the calibration can fit weights to: sales by default, workers or value added. */
export const CALIBRATION_MEASURES = ["sales", "workers", "valueAdded"] as const satisfies readonly OutcomeMeasure[];

export function isCalibrationMeasure(value: unknown): value is (typeof CALIBRATION_MEASURES)[number] {
  return typeof value === "string" && (CALIBRATION_MEASURES as readonly string[]).includes(value);
}

export function isOutcomeMeasure(value: unknown): value is OutcomeMeasure {
  return typeof value === "string" && (OUTCOME_MEASURES as readonly string[]).includes(value);
}

export interface OutcomeValues {
  readonly date: Date;
  readonly sales: number | null;
  readonly workers: number | null;
  readonly valueAdded: number | null;
  readonly practiceScore: number | null;
}

/** Error codes are translation keys under screening.outcomes.errors. */
export type OutcomeProblem =
  | "missingColumns"
  | "empty"
  | "tooManyRows"
  | "unknownFirm"
  | "dateInvalid"
  | "notANumber"
  | "negative"
  | "notAWholeNumber"
  | "practiceRange"
  | "nothingMeasured";

export interface RowError {
  /** 1-based line in the file, the header being line 1. */
  readonly line: number;
  readonly column: string;
  readonly problem: OutcomeProblem;
  readonly value: string;
}

export const MAX_IMPORT_ROWS = 5000;

const COLUMN_ALIASES: Record<string, string> = {
  firm: "firm",
  firm_id: "firm",
  date: "date",
  sales: "sales",
  workers: "workers",
  employees: "workers",
  value_added: "valueAdded",
  valueadded: "valueAdded",
  practice_score: "practiceScore",
  practicescore: "practiceScore",
};

/** A number as people type it: "1200", "1 200", "1,200.50" (a comma then three digits groups thousands). */
export function readNumber(text: string): number | null | "invalid" {
  const t = text.trim().replace(/[\s\u00a0]/g, "");
  if (t === "") return null;
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, "") : t.replace(/,/g, ".");
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return "invalid";
  return Number(plain);
}

export function readDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCDate() === Number(m[3]) && date.getUTCMonth() === Number(m[2]) - 1 ? date : null;
}

/** Checks one outcome's figures; shared by the form and the import. */
export function checkValues(raw: Record<"date" | "sales" | "workers" | "valueAdded" | "practiceScore", string>): {
  values: OutcomeValues | null;
  errors: { column: string; problem: OutcomeProblem }[];
} {
  const errors: { column: string; problem: OutcomeProblem }[] = [];
  const date = readDate(raw.date);
  if (!date) errors.push({ column: "date", problem: "dateInvalid" });
  const numbers: Record<string, number | null> = {};
  for (const column of ["sales", "workers", "valueAdded", "practiceScore"] as const) {
    const n = readNumber(raw[column]);
    if (n === "invalid") errors.push({ column, problem: "notANumber" });
    else if (n !== null && column !== "valueAdded" && n < 0) errors.push({ column, problem: "negative" });
    else if (n !== null && column === "workers" && !Number.isInteger(n)) errors.push({ column, problem: "notAWholeNumber" });
    else if (n !== null && column === "practiceScore" && n > 1) errors.push({ column, problem: "practiceRange" });
    numbers[column] = n === "invalid" ? null : n;
  }
  if (errors.length === 0 && OUTCOME_MEASURES.every((m) => numbers[m] === null)) errors.push({ column: "sales", problem: "nothingMeasured" });
  if (errors.length > 0 || !date) return { values: null, errors };
  return {
    values: {
      date,
      sales: numbers.sales ?? null,
      workers: numbers.workers ?? null,
      valueAdded: numbers.valueAdded ?? null,
      practiceScore: numbers.practiceScore ?? null,
    },
    errors,
  };
}

export type ImportResult =
  | { readonly ok: true; readonly rows: readonly (OutcomeValues & { firmId: string })[] }
  | { readonly ok: false; readonly errors: readonly RowError[] };

/**
 * Reads an outcome CSV. Columns: firm (its name or id), date (YYYY-MM-DD), sales, workers,
 * value_added, practice_score (0-1); the order is free, extra columns are ignored. `firmIdOf`
 * finds a firm of the programme by name or id. Every problem of every row is reported.
 */
export function readOutcomeCsv(text: string, firmIdOf: (nameOrId: string) => string | undefined): ImportResult {
  const table = parseCsv(text);
  if (table.length < 2) return { ok: false, errors: [{ line: 1, column: "", problem: "empty", value: "" }] };
  if (table.length - 1 > MAX_IMPORT_ROWS) return { ok: false, errors: [{ line: 1, column: "", problem: "tooManyRows", value: String(table.length - 1) }] };
  const header = table[0]!.map((h) => COLUMN_ALIASES[h.trim().toLowerCase().replace(/[\s-]+/g, "_")] ?? "");
  const missing = ["firm", "date"].filter((c) => !header.includes(c));
  if (missing.length > 0) return { ok: false, errors: [{ line: 1, column: missing.join(", "), problem: "missingColumns", value: "" }] };
  const at = (row: string[], column: string) => {
    const i = header.indexOf(column);
    return i < 0 ? "" : (row[i] ?? "").trim();
  };
  const errors: RowError[] = [];
  const rows: (OutcomeValues & { firmId: string })[] = [];
  table.slice(1).forEach((row, index) => {
    const line = index + 2;
    const firmText = at(row, "firm");
    const firmId = firmIdOf(firmText);
    if (!firmId) errors.push({ line, column: "firm", problem: "unknownFirm", value: firmText });
    const raw = {
      date: at(row, "date"),
      sales: at(row, "sales"),
      workers: at(row, "workers"),
      valueAdded: at(row, "valueAdded"),
      practiceScore: at(row, "practiceScore"),
    };
    const checked = checkValues(raw);
    for (const e of checked.errors) errors.push({ line, column: e.column, problem: e.problem, value: raw[e.column as keyof typeof raw] ?? "" });
    if (firmId && checked.values) rows.push({ ...checked.values, firmId });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

/**
 * Growth of one measure from a firm's first outcome to its latest: relative for money and
 * workers ((latest - first) / first, so firms of different sizes compare), in points for the
 * practice score. Null with fewer than two dated figures, or a first figure of zero or less.
 */
export function growthOf(outcomes: readonly OutcomeValues[], measure: OutcomeMeasure): number | null {
  const dated = outcomes
    .filter((o) => typeof o[measure] === "number")
    .sort((a, b) => a.date.getTime() - b.date.getTime());
  if (dated.length < 2) return null;
  const first = dated[0]![measure]!;
  const last = dated.at(-1)![measure]!;
  if (dated[0]!.date.getTime() === dated.at(-1)!.date.getTime()) return null;
  if (measure === "practiceScore") return last - first;
  return first > 0 ? (last - first) / first : null;
}

/** An outcome row as stored: a re-import can hold several for one firm and day. */
export interface RecordedOutcome extends OutcomeValues {
  readonly firmId: string;
  readonly recordedAt: Date;
  /** Breaks ties between rows recorded in the same instant (the row id). */
  readonly id: string;
}

/**
 * One value per firm, date and measure: the latest recorded one, so that an outcome imported
 * twice (or corrected by a later import) is counted once. Measures are taken apart, so a later
 * row that leaves sales blank does not erase the sales recorded earlier for that day. Returns
 * each firm's outcomes, one per date, in date order.
 */
export function latestOutcomes(rows: readonly RecordedOutcome[]): Map<string, OutcomeValues[]> {
  const ordered = [...rows].sort(
    (a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const byFirm = new Map<string, Map<number, { date: Date } & Record<OutcomeMeasure, number | null>>>();
  for (const row of ordered) {
    let days = byFirm.get(row.firmId);
    if (!days) byFirm.set(row.firmId, (days = new Map()));
    const day = row.date.getTime();
    const values = days.get(day) ?? { date: row.date, sales: null, workers: null, valueAdded: null, practiceScore: null };
    for (const m of OUTCOME_MEASURES) if (typeof row[m] === "number") values[m] = row[m];
    days.set(day, values);
  }
  const out = new Map<string, OutcomeValues[]>();
  for (const [firmId, days] of byFirm) out.set(firmId, [...days.values()].sort((a, b) => a.date.getTime() - b.date.getTime()));
  return out;
}
