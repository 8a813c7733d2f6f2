import { describe, expect, it } from "vitest";
import { checkRoster, MAX_ROWS, parseCsv, statusOf } from "./roster-csv";

const context = {
  cohorts: [{ id: "coh1", name: "Kariobangi metalwork 2026" }],
  clusters: [{ id: "clu1", name: "Kariobangi Light Industries" }],
  takenPhones: new Set(["254700000999"]),
  defaultLanguage: "sw",
  now: new Date("2026-11-29T00:00:00Z"),
};
const HEADER = "cohort,cluster,firm_name,sector,workers,founded_year,owner_name,owner_phone,owner_language,consent_date";
const row = (over: Partial<Record<string, string>> = {}) => {
  const r = {
    cohort: "Kariobangi metalwork 2026",
    cluster: "Kariobangi Light Industries",
    firm_name: "Baraka Welding",
    sector: "metalwork",
    workers: "4",
    founded_year: "2012",
    owner_name: "Baraka Otieno",
    owner_phone: "+254 700 000 001",
    owner_language: "",
    consent_date: "2026-02-01",
    ...over,
  };
  return Object.values(r)
    .map((v) => (v!.includes(",") ? `"${v}"` : v))
    .join(",");
};

describe("reading CSV", () => {
  it("handles quotes, commas inside quotes, CRLF, a byte-order mark and blank lines", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
    ]);
  });
});

describe("checking a roster", () => {
  it("accepts good rows, normalises phone and sector, and lets a firm have two owners", () => {
    const text = [HEADER, row(), row({ owner_name: "Neema Otieno", owner_phone: "0700 000 002".replace(/^0/, "+254 "), owner_language: "en" }), row({ firm_name: "Zawadi Tailors", sector: "Shoes-leather", owner_phone: "254700000003" })].join("\n");
    const result = checkRoster(text, context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toHaveLength(3);
    expect(result.rows[0]).toMatchObject({ cohortId: "coh1", clusterId: "clu1", ownerPhone: "254700000001", ownerLanguage: "sw", workers: 4, foundedYear: 2012 });
    expect(result.rows[1]!.ownerLanguage).toBe("en");
    expect(result.rows[2]!.sector).toBe("shoes_leather");
  });

  it("reports a wrong header before anything else", () => {
    const result = checkRoster(["cohort,cluster,firm,sector,owner_name,owner_phone", row()].join("\n"), context);
    expect(result).toEqual({
      ok: false,
      problems: [
        { row: 1, column: null, code: "roster.missingColumns", params: { columns: "firm_name" } },
        { row: 1, column: null, code: "roster.unknownColumns", params: { columns: "firm" } },
      ],
    });
  });

  it("reports every bad row with its row number and column", () => {
    const text = [
      HEADER,
      row({ cluster: "Suame Magazine" }),
      row({ owner_phone: "+254 700 000 999" }),
      row({ owner_phone: "+254 700 000 010" }),
      row({ firm_name: "Other", owner_phone: "254700000010" }),
      row({ firm_name: "Dated", owner_phone: "254700000011", consent_date: "2026-02-30" }),
      row({ firm_name: "Young", owner_phone: "254700000012", founded_year: "2031", workers: "many", sector: "bakery" }),
    ].join("\n");
    const result = checkRoster(text, context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, "cluster", "roster.unknownCluster"],
      [3, "owner_phone", "roster.phoneTaken"],
      [5, "owner_phone", "roster.phoneTwice"],
      [6, "consent_date", "roster.badDate"],
      [7, "sector", "roster.badSector"],
      [7, "workers", "roster.badNumber"],
      [7, "founded_year", "roster.badYear"],
    ]);
    expect(result.problems[2]!.params).toMatchObject({ row: 4 });
  });

  it("refuses too many rows with one clear message", () => {
    const text = [HEADER, ...Array.from({ length: 10_000 }, (_, i) => row({ owner_phone: `2547${String(i).padStart(8, "0")}` }))].join("\n");
    const result = checkRoster(text, context);
    expect(result).toEqual({ ok: false, problems: [{ row: null, column: null, code: "roster.tooManyRows", params: { rows: 10_000, max: MAX_ROWS } }] });
  });

  it("refuses an empty file and a header without rows", () => {
    expect(checkRoster("", context)).toMatchObject({ ok: false, problems: [{ code: "roster.empty" }] });
    expect(checkRoster(HEADER, context)).toMatchObject({ ok: false, problems: [{ code: "roster.noRows" }] });
  });
});

describe("reading files from other spreadsheets", () => {
  it("reads semicolons and tabs as it reads commas, with or without a byte-order mark", () => {
    const comma = [HEADER, row()].join("\n");
    const semicolon = "\uFEFF" + comma.replace(/,/g, ";");
    const tab = comma.replace(/,/g, "\t");
    for (const text of [semicolon, tab]) {
      const result = checkRoster(text, context);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.rows[0]).toMatchObject({ firmName: "Baraka Welding", ownerPhone: "254700000001" });
    }
  });

  it("keeps a separator inside quotes as text", () => {
    expect(parseCsv('a;b\n"x; y";"1,5"')).toEqual([
      ["a", "b"],
      ["x; y", "1,5"],
    ]);
  });

  it("gives a hint when the whole header is read as one cell", () => {
    const result = checkRoster([HEADER.replace(/,/g, "|"), row().replace(/,/g, "|")].join("\n"), context);
    expect(result).toMatchObject({ ok: false, problems: [{ row: 1, code: "bulk.roster.oneHeaderCell" }] });
    const quoted = checkRoster([`"${HEADER.replace(/,/g, ";")}"`, row()].join("\n"), context);
    expect(quoted).toMatchObject({ ok: false, problems: [{ code: "bulk.roster.oneHeaderCell" }] });
  });
});

describe("re-importing a roster", () => {
  const known = {
    userId: "u1",
    name: "Baraka Otieno",
    language: "sw",
    firmId: "f1",
    firmName: "Baraka Welding",
    clusterId: "clu1",
    sector: "metalwork",
    workers: 4,
    foundedYear: 2012,
    enrolments: [{ cohortId: "coh1", consentAt: new Date("2026-02-01T00:00:00Z") }],
  };
  const withOwner = { ...context, existingOwners: new Map([["254700000001", known]]) };

  it("tells new, changed and unchanged rows apart, matching the phone however it is written", () => {
    const text = [
      HEADER,
      row(),
      row({ owner_phone: "+254 700-000-001" }),
      row({ owner_name: "Neema", owner_phone: "+254 700 000 002" }),
    ].join("\n");
    // the first two rows are the same person: refused as a phone used twice
    expect(checkRoster(text, withOwner)).toMatchObject({ ok: false, problems: [{ row: 3, code: "roster.phoneTwice" }] });

    const result = checkRoster([HEADER, row({ owner_phone: "0700 000 001", owner_language: "" }), row({ firm_name: "New Firm", owner_name: "Neema", owner_phone: "+254 700 000 002" })].join("\n"), withOwner);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map(statusOf)).toEqual(["unchanged", "new"]);
    expect(result.rows[0]!.existing).toMatchObject({ userId: "u1", firmId: "f1", changes: [] });
  });

  it("lists what a row changes, and an empty optional cell changes nothing", () => {
    const result = checkRoster([HEADER, row({ owner_name: "Baraka O. Otieno", workers: "6", founded_year: "", consent_date: "", owner_language: "en" })].join("\n"), withOwner);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(statusOf(result.rows[0]!)).toBe("changed");
    expect(result.rows[0]!.existing!.changes).toEqual([
      { field: "owner_name", before: "Baraka Otieno", after: "Baraka O. Otieno" },
      { field: "owner_language", before: "sw", after: "en" },
      { field: "workers", before: "4", after: "6" },
    ]);
  });

  it("refuses to move an owner to another firm or class through a file", () => {
    const result = checkRoster([HEADER, row({ firm_name: "Another Firm" })].join("\n"), withOwner);
    expect(result).toMatchObject({ ok: false, problems: [{ row: 2, column: "firm_name", code: "bulk.roster.ownerElsewhere", params: { firm: "Baraka Welding" } }] });
  });
});
