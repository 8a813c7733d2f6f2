import { describe, expect, it } from "vitest";
import { BOM, parseCsv, toCsv } from "./tabular";

describe("CSV for Excel", () => {
  it("starts with a byte-order mark, keeps numbers plain, dates ISO and quotes what needs it", () => {
    const csv = toCsv({
      header: ["firm", "score", "date", "note"],
      rows: [
        ["Nguyễn Thị Hoa, xưởng dệt", 72.5, new Date("2026-03-04T10:00:00Z"), 'says "hi"'],
        ["=HYPERLINK(1)", null, null, "line\nbreak"],
      ],
    });
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      "firm,score,date,note",
      '"Nguyễn Thị Hoa, xưởng dệt",72.5,2026-03-04,"says ""hi"""',
      "'=HYPERLINK(1),,,\"line\nbreak\"",
      "",
    ]);
  });

  it("reads back what it writes, and reads semicolon files", () => {
    const csv = toCsv({ header: ["a", "b"], rows: [["x, y", 2], ['q"', 3]] });
    expect(parseCsv(csv)).toEqual([["a", "b"], ["x, y", "2"], ['q"', "3"]]);
    expect(parseCsv("firm;date\r\nA;2026-01-01\r\n\r\n")).toEqual([["firm", "date"], ["A", "2026-01-01"]]);
  });
});
