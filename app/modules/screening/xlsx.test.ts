import { inflateRawSync } from "node:zlib";
import readExcelFile from "read-excel-file/node";
import { describe, expect, it } from "vitest";
import { crc32, excelSerial, workbook, zip } from "./xlsx";

/** Walks a zip's central directory and inflates every entry, checking each CRC. */
function unzip(archive: Buffer): Map<string, string> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i += 1) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const crc = archive.readUInt32LE(at + 16);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString();
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = inflateRawSync(archive.subarray(start, start + size));
    expect(crc32(data)).toBe(crc);
    out.set(name, data.toString());
    at += 46 + nameLength;
  }
  return out;
}

describe("the xlsx writer", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it("writes a zip whose entries read back intact", () => {
    const files = unzip(zip([{ name: "a.txt", data: Buffer.from("hello") }, { name: "ሀ/b.xml", data: Buffer.from("<x/>".repeat(100)) }]));
    expect([...files]).toEqual([
      ["a.txt", "hello"],
      ["ሀ/b.xml", "<x/>".repeat(100)],
    ]);
  });

  it("puts numbers as numbers, dates as Excel dates, and text escaped, one sheet per table", () => {
    const book = unzip(
      workbook([
        { name: "Ranking", header: ["firm", "score", "date"], rows: [["Lê & Sons <Hà Nội>", 72.5, new Date("2026-01-01T00:00:00Z")]] },
        { name: "Decisions", header: ["x"], rows: [] },
      ]),
    );
    expect([...book.keys()]).toContain("xl/worksheets/sheet2.xml");
    expect(book.get("xl/workbook.xml")).toContain('<sheet name="Ranking" sheetId="1" r:id="rId1"/>');
    const sheet = book.get("xl/worksheets/sheet1.xml")!;
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">Lê &amp; Sons &lt;Hà Nội&gt;</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>72.5</v></c>');
    expect(sheet).toContain(`<c r="C2" s="2"><v>${excelSerial(new Date("2026-01-01T00:00:00Z"))}</v></c>`);
    expect(excelSerial(new Date("2026-01-01T00:00:00Z"))).toBe(46023);
  });

  it("is read back by an independent spreadsheet reader: names intact, numbers as numbers, dates as dates", async () => {
    const date = new Date("2026-03-05T00:00:00Z");
    const sheets = await readExcelFile(
      workbook([
        { name: "Ranking", header: ["firm", "score", "eligible", "date"], rows: [["ሕይወት ጫማ & Lê", 72.5, true, date], ["=1+1", -3, false, null]] },
        { name: "Decisions", header: ["x"], rows: [] },
      ]),
    );
    expect(sheets.map((s) => s.sheet)).toEqual(["Ranking", "Decisions"]);
    expect(sheets[0]!.data).toEqual([
      ["firm", "score", "eligible", "date"],
      ["ሕይወት ጫማ & Lê", 72.5, true, date],
      ["=1+1", -3, false, null],
    ]);
  });
});
