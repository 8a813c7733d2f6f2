// Tables out (CSV, and the rows an Excel workbook is built from) and CSV in. Pure.
// CSV for Excel: UTF-8 with a byte-order mark (so Excel reads names in Amharic or Vietnamese
// intact), numbers unformatted, dates as ISO YYYY-MM-DD, and text that would start a formula
// (= + - @) prefixed with an apostrophe so a firm name can never run as a formula.

export type Cell = string | number | Date | null | undefined | boolean;
export type Table = { readonly name: string; readonly header: readonly string[]; readonly rows: readonly (readonly Cell[])[] };

export const BOM = "\uFEFF";

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (cell instanceof Date) return isoDate(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: Pick<Table, "header" | "rows">): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvCell).join(","));
  return BOM + lines.join("\r\n") + "\r\n";
}

/** RFC 4180 with a forgiving edge: a BOM, CRLF or LF, and `;` when the header uses it (Excel in many locales). */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const separator = !firstLine.includes(",") && firstLine.includes(";") ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}
