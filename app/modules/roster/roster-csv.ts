import { normalisePhone, parseIdentifier } from "~/auth/identifier";
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
  /** Whether the file gave a language (an empty cell leaves an existing owner's language alone). */
  languageGiven: boolean;
  /** The owner already on the programme's roster with this phone, and what the row would change. */
  existing: { userId: string; firmId: string; changes: RosterChange[] } | null;
};

/** Fields a re-import may change for an owner already on the roster; an empty cell changes nothing. */
export const CHANGEABLE = ["owner_name", "owner_language", "sector", "workers", "founded_year", "consent_date"] as const;
export type RosterChange = { field: (typeof CHANGEABLE)[number]; before: string; after: string };

export type ExistingOwner = {
  userId: string;
  name: string;
  language: string;
  firmId: string;
  firmName: string;
  clusterId: string;
  sector: string;
  workers: number | null;
  foundedYear: number | null;
  /** The firm's cohorts in this programme, with the consent date of each enrolment. */
  enrolments: { cohortId: string; consentAt: Date | null }[];
};

export type RowStatus = "new" | "changed" | "unchanged";
export function statusOf(row: Pick<RosterRow, "existing">): RowStatus {
  return row.existing === null ? "new" : row.existing.changes.length > 0 ? "changed" : "unchanged";
}

export type RosterContext = {
  /** Cohort names (as written in the programme) to ids; matched without regard to case. */
  cohorts: { id: string; name: string }[];
  clusters: { id: string; name: string }[];
  /** Phones of people who are not owners on this programme's roster: a row cannot take them. */
  takenPhones: ReadonlySet<string>;
  /** Owners already on the roster, by phone (digits with the country code). */
  existingOwners?: ReadonlyMap<string, ExistingOwner>;
  defaultLanguage: string;
  now: Date;
};

/**
 * The separator a file uses, read from its first line outside quotes: commas, semicolons (Excel
 * in many locales writes these) or tabs (a paste from a spreadsheet), whichever is most frequent.
 */
export function detectSeparator(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c in counts) counts[c as keyof typeof counts]++;
  }
  const best = (Object.keys(counts) as (keyof typeof counts)[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ",");
  return counts[best] > 0 ? best : ",";
}

/** RFC 4180 CSV: quoted fields with "" for a quote, CRLF or LF, an optional byte-order mark; commas, semicolons or tabs. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const separator = detectSeparator(src);
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
    else if (c === separator) {
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
  // A header read as one cell that holds separators: the file uses a separator this reader does
  // not know (| or spaces), or the spreadsheet quoted the whole line. Say so instead of listing
  // "unknown columns: cohort;cluster;...".
  if (header.length === 1 && /[,;\t|]/.test(header[0]!)) {
    return { ok: false, problems: [{ row: 1, column: null, code: "bulk.roster.oneHeaderCell", params: { cell: header[0]!.slice(0, 60) } }] };
  }
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

    const existingOwners = context.existingOwners ?? new Map<string, ExistingOwner>();
    const phone = get("owner_phone") ? (normalisePhone(get("owner_phone")) ?? localMatch(get("owner_phone"), existingOwners)) : null;
    if (get("owner_phone") && !phone) problem("owner_phone", "roster.badPhone", { value: get("owner_phone") });
    const known = phone ? existingOwners.get(phone) : undefined;
    if (phone) {
      const earlier = phonesInFile.get(phone);
      if (earlier) problem("owner_phone", "roster.phoneTwice", { value: get("owner_phone"), row: earlier });
      else if (!known && context.takenPhones.has(phone)) problem("owner_phone", "roster.phoneTaken", { value: get("owner_phone") });
      phonesInFile.set(phone, phonesInFile.get(phone) ?? rowNumber);
    }
    // An owner already on the roster stays with their firm and class: moving them is a correction
    // with its own form, not a side effect of a file.
    if (known && cohortId && clusterId && (firmKeyOf({ clusterId, firmName }) !== firmKeyOf({ clusterId: known.clusterId, firmName: known.firmName }) || !known.enrolments.some((e) => e.cohortId === cohortId))) {
      problem("firm_name", "bulk.roster.ownerElsewhere", { value: get("owner_phone"), firm: known.firmName });
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
      languageGiven: get("owner_language") !== "",
      existing: null,
    };
    if (known) row.existing = { userId: known.userId, firmId: known.firmId, changes: changesFor(row, known) };
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

/** A number written the local way (0722 000 001) is the owner whose full number ends with it, if exactly one does. */
function localMatch(raw: string, owners: ReadonlyMap<string, ExistingOwner>): string | null {
  const id = parseIdentifier(raw);
  if (id.kind !== "phone" || !id.local || id.value.length < 7) return null;
  let found: string | null = null;
  for (const phone of owners.keys()) {
    if (!phone.endsWith(id.value)) continue;
    if (found) return null;
    found = phone;
  }
  return found;
}

const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

/** What the row would change for an owner already on the roster; an empty optional cell changes nothing. */
export function changesFor(row: RosterRow, known: ExistingOwner): RosterChange[] {
  const changes: RosterChange[] = [];
  const add = (field: RosterChange["field"], before: string, after: string) => {
    if (before !== after) changes.push({ field, before, after });
  };
  add("owner_name", known.name, row.ownerName);
  if (row.languageGiven) add("owner_language", known.language, row.ownerLanguage);
  add("sector", known.sector, row.sector);
  if (row.workers !== null) add("workers", known.workers === null ? "" : String(known.workers), String(row.workers));
  if (row.foundedYear !== null) add("founded_year", known.foundedYear === null ? "" : String(known.foundedYear), String(row.foundedYear));
  if (row.consentAt !== null) add("consent_date", isoDay(known.enrolments.find((e) => e.cohortId === row.cohortId)?.consentAt ?? null), isoDay(row.consentAt));
  return changes;
}
