import { describe, expect, it } from "vitest";
import { growthOf, latestOutcomes, readNumber, readOutcomeCsv } from "./outcomes";

const find = (text: string) => ({ "kamau metal": "f1", f2: "f2" })[text.trim().toLowerCase()];

describe("outcome import", () => {
  it("reads numbers as people type them and refuses anything else", () => {
    expect(readNumber("1 200")).toBe(1200);
    expect(readNumber("1,200.50")).toBe(1200.5);
    expect(readNumber("0,35")).toBe(0.35);
    expect(readNumber("")).toBeNull();
    expect(readNumber("12x")).toBe("invalid");
  });

  it("accepts columns in any order, by firm name or id", () => {
    const read = readOutcomeCsv("date,Firm,Sales\n2026-01-01,Kamau Metal,100\n2026-02-01,f2,200\n", find);
    expect(read.ok && read.rows.map((r) => [r.firmId, r.sales])).toEqual([["f1", 100], ["f2", 200]]);
  });

  it("reports every bad row and keeps none", () => {
    const read = readOutcomeCsv("firm,date,practice_score\nKamau Metal,2026-01-01,1.5\nGhost,01/02/2026,0.3\n", find);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors.map((e) => [e.line, e.column, e.problem])).toEqual([
      [2, "practiceScore", "practiceRange"],
      [3, "firm", "unknownFirm"],
      [3, "date", "dateInvalid"],
    ]);
    expect(readOutcomeCsv("sales\n1\n", find)).toMatchObject({ ok: false, errors: [{ problem: "missingColumns" }] });
  });
});

describe("growth", () => {
  const at = (date: string, sales: number | null, practiceScore: number | null = null) => ({ date: new Date(date), sales, workers: null, valueAdded: null, practiceScore });
  it("is relative for money, in points for practice, from the first to the latest figure", () => {
    expect(growthOf([at("2028-01-01", 1500), at("2026-01-01", 1000)], "sales")).toBeCloseTo(0.5);
    expect(growthOf([at("2026-01-01", null, 0.3), at("2028-01-01", null, 0.5)], "practiceScore")).toBeCloseTo(0.2);
  });
  it("is unknown with one figure or a first figure of zero", () => {
    expect(growthOf([at("2026-01-01", 1000)], "sales")).toBeNull();
    expect(growthOf([at("2026-01-01", 0), at("2027-01-01", 10)], "sales")).toBeNull();
  });
});

describe("latestOutcomes", () => {
  const day = (d: string) => new Date(`${d}T00:00:00Z`);
  const row = (id: string, firmId: string, date: string, recorded: string, sales: number | null, workers: number | null = null) => ({
    id,
    firmId,
    date: day(date),
    recordedAt: new Date(recorded),
    sales,
    workers,
    valueAdded: null,
    practiceScore: null,
  });

  it("counts an outcome imported twice once, taking the latest recorded value per measure", () => {
    const firms = latestOutcomes([
      row("a", "f1", "2024-07-01", "2024-07-02T10:00:00Z", 100, 4),
      row("b", "f1", "2026-07-01", "2026-07-02T10:00:00Z", 150),
      row("c", "f1", "2026-07-01", "2026-07-03T10:00:00Z", 180),
      row("d", "f1", "2024-07-01", "2026-07-03T10:00:00Z", null, 5),
    ]);
    const f1 = firms.get("f1")!;
    expect(f1).toHaveLength(2);
    expect(f1[0]).toMatchObject({ sales: 100, workers: 5 });
    expect(f1[1]).toMatchObject({ sales: 180 });
    expect(growthOf(f1, "sales")).toBeCloseTo(0.8, 10);
  });
});
