import { normalisePhone } from "~/auth/identifier";
import { LANGUAGE_CODES } from "~/i18n/languages";
import { SECTORS, type Sector } from "~/modules/programmes/countries";

/**
 * A roster in CSV: one row per owner, with their firm (a firm with two owners takes two rows
 * with the same firm and cluster). Pure: it parses and checks the text against what the
 * programme has (its cohorts and clusters, and the phone numbers already taken), and returns
 * either the rows ready to write or every problem, row by row, as translation keys.
 */
export const ROSTER_COLUMNS = ["cohort", "cluster", "firm_name", "sector", "workers", "founded_year", "owner_name", "owner_phone", "owner_language", "consent_date"] as const;
export const REQUIRED_COLUMNS = ["cohort", "cluster", "firm_name", "sector", "owner_name", "owner_phone"] as const;
export const MAX_ROWS = 5000;
export const MAX_BYTES = 2 * 1024 * 1024;

type Column = (typeof ROSTER_COLUMNS)[number];

export type RosterProblem = { row: number | null; column: Column | null; code: string; params?: Record<string, string | number> };

export type RosterRow = {
  row: number;
  cohortId: string;
  clusterId: string;
  firmName: string;
  sector: Sector;
  workers: number | null;
  foundedYear: number | null;
  ownerName: string;
  ownerPhone: string;
  ownerLanguage: string;
  consentAt: Date | null;
};

export type RosterContext = {
  /** Cohort names (as written in the programme) to ids; matched without regard to case. */
  cohorts: { id: string; name: string }[];
  clusters: { id: string; name: string }[];
  takenPhones: ReadonlySet<string>;
  defaultLanguage: string;
  now: Date;
};

/** RFC 4180 CSV: commas, quoted fields with "" for a quote, CRLF or LF, an optional byte-order mark. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines (often at the end) are not rows.
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

const key = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

export function checkRoster(text: string, context: RosterContext): { ok: true; rows: RosterRow[] } | { ok: false; problems: RosterProblem[] } {
  if (text.length > MAX_BYTES) return { ok: false, problems: [{ row: null, column: null, code: "roster.tooBig", params: { max: "2 MB" } }] };
  const table = parseCsv(text);
  if (table.length === 0) return { ok: false, problems: [{ row: null, column: null, code: "roster.empty" }] };
  const header = table[0]!.map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(ROSTER_COLUMNS as readonly string[]).includes(h));
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  const doubled = header.filter((h, i) => header.indexOf(h) !== i);
  if (unknown.length || missing.length || doubled.length) {
    const problems: RosterProblem[] = [];
    if (missing.length) problems.push({ row: 1, column: null, code: "roster.missingColumns", params: { columns: missing.join(", ") } });
    if (unknown.length) problems.push({ row: 1, column: null, code: "roster.unknownColumns", params: { columns: unknown.join(", ") } });
    if (doubled.length) problems.push({ row: 1, column: null, code: "roster.doubledColumns", params: { columns: [...new Set(doubled)].join(", ") } });
    return { ok: false, problems };
  }
  const body = table.slice(1);
  if (body.length === 0) return { ok: false, problems: [{ row: null, column: null, code: "roster.noRows" }] };
  if (body.length > MAX_ROWS) return { ok: false, problems: [{ row: null, column: null, code: "roster.tooManyRows", params: { rows: body.length, max: MAX_ROWS } }] };

  const cohorts = new Map(context.cohorts.map((c) => [key(c.name), c.id]));
  const clusters = new Map(context.clusters.map((c) => [key(c.name), c.id]));
  const phonesInFile = new Map<string, number>();
  const firmsInFile = new Map<string, RosterRow>();
  const problems: RosterProblem[] = [];
  const rows: RosterRow[] = [];
  const thisYear = context.now.getUTCFullYear();

  body.forEach((cells, index) => {
    const rowNumber = index + 2; // as a spreadsheet numbers it, the header being row 1
    const get = (column: Column) => {
      const at = header.indexOf(column);
      return at === -1 ? "" : (cells[at] ?? "").trim();
    };
    const problem = (column: Column, code: string, params?: RosterProblem["params"]) => problems.push({ row: rowNumber, column, code, params });
    const before = problems.length;
    if (cells.length > header.length) problems.push({ row: rowNumber, column: null, code: "roster.tooManyCells" });

    for (const column of REQUIRED_COLUMNS) if (!get(column)) problem(column, "roster.required");
    const cohortId = cohorts.get(key(get("cohort")));
    if (get("cohort") && !cohortId) problem("cohort", "roster.unknownCohort", { value: get("cohort") });
    const clusterId = clusters.get(key(get("cluster")));
    if (get("cluster") && !clusterId) problem("cluster", "roster.unknownCluster", { value: get("cluster") });
    const sector = get("sector").toLowerCase().replace(/[\s-]+/g, "_");
    if (get("sector") && !(SECTORS as readonly string[]).includes(sector)) problem("sector", "roster.badSector", { value: get("sector") });
    const firmName = get("firm_name");
    if (firmName.length > 120) problem("firm_name", "roster.tooLong");
    const ownerName = get("owner_name");
    if (ownerName && ownerName.length < 2) problem("owner_name", "roster.tooShort");
    if (ownerName.length > 80) problem("owner_name", "roster.tooLong");

    let workers: number | null = null;
    if (get("workers")) {
      workers = /^\d{1,5}$/.test(get("workers")) ? Number(get("workers")) : Number.NaN;
      if (Number.isNaN(workers)) problem("workers", "roster.badNumber", { value: get("workers") });
    }
    let foundedYear: number | null = null;
    if (get("founded_year")) {
      foundedYear = /^\d{4}$/.test(get("founded_year")) ? Number(get("founded_year")) : Number.NaN;
      if (Number.isNaN(foundedYear) || foundedYear < 1900 || foundedYear > thisYear) problem("founded_year", "roster.badYear", { value: get("founded_year") });
    }
    let consentAt: Date | null = null;
    if (get("consent_date")) {
      const raw = get("consent_date");
      const date = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(`${raw}T00:00:00Z`) : null;
      if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) problem("consent_date", "roster.badDate", { value: raw });
      else consentAt = date;
    }
    const language = get("owner_language").toLowerCase() || context.defaultLanguage;
    if (!(LANGUAGE_CODES as readonly string[]).includes(language)) problem("owner_language", "roster.badLanguage", { value: get("owner_language") });

    const phone = get("owner_phone") ? normalisePhone(get("owner_phone")) : null;
    if (get("owner_phone") && !phone) problem("owner_phone", "roster.badPhone", { value: get("owner_phone") });
    if (phone) {
      const earlier = phonesInFile.get(phone);
      if (earlier) problem("owner_phone", "roster.phoneTwice", { value: get("owner_phone"), row: earlier });
      else if (context.takenPhones.has(phone)) problem("owner_phone", "roster.phoneTaken", { value: get("owner_phone") });
      phonesInFile.set(phone, phonesInFile.get(phone) ?? rowNumber);
    }
    if (problems.length > before) return;

    const row: RosterRow = {
      row: rowNumber,
      cohortId: cohortId!,
      clusterId: clusterId!,
      firmName,
      sector: sector as Sector,
      workers,
      foundedYear,
      ownerName,
      ownerPhone: phone!,
      ownerLanguage: language,
      consentAt,
    };
    // A second owner of the same firm: the firm's details must agree with its first row.
    const firmKey = `${clusterId}\u0000${key(firmName)}`;
    const first = firmsInFile.get(firmKey);
    if (first && (first.cohortId !== row.cohortId || first.sector !== row.sector)) {
      problem("firm_name", "roster.firmDisagrees", { row: first.row });
      return;
    }
    if (!first) firmsInFile.set(firmKey, row);
    rows.push(row);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/** The firms among the rows: a firm is its cluster and its name; rows of the same firm share one. */
export function firmKeyOf(row: Pick<RosterRow, "clusterId" | "firmName">): string {
  return `${row.clusterId}\u0000${key(row.firmName)}`;
}
