import { describe, expect, it } from "vitest";
import { dayOutsideSpan, hasControlCharacters, programmeDaySpan, textField } from "./input";

describe("text fields", () => {
  const venue = textField({ min: 2, max: 120 });
  it("keeps ordinary text in every language the app serves", () => {
    for (const text of ["Community hall", "Ukumbi wa jamii", "የማህበረሰብ አዳራሽ", "Nhà văn hóa", "O'Brien & Sons – Kariobangi"]) {
      expect(venue.safeParse(text).success, text).toBe(true);
    }
  });
  it.each([
    ["two control characters", "\u0001\u0002"],
    ["a NUL inside", "Hall\u0000A"],
    ["a line break in a one-line field", "Hall\nSet-Cookie"],
    ["a tab", "Hall\tA"],
    ["DEL", "Hall\u007f"],
    ["a C1 control", "Hall\u0085"],
    ["a right-to-left override", "Hall \u202egnp.exe"],
    ["a direction isolate", "Hall \u2066x\u2069"],
  ])("refuses %s", (_label, text) => {
    const result = venue.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain("limits.controlCharacters");
  });
  it("lets a multi-line text keep its line breaks and tabs", () => {
    expect(hasControlCharacters("first line\r\nsecond\tline", { multiline: true })).toBe(false);
    expect(hasControlCharacters("first\u0007line", { multiline: true })).toBe(true);
  });
});

describe("typed dates", () => {
  const now = new Date("2026-12-06T10:00:00Z");
  it("stay within the programme", () => {
    const span = programmeDaySpan({ startsOn: new Date("2026-02-02T00:00:00Z"), endsOn: new Date("2027-02-02T00:00:00Z") }, now);
    expect(span).toEqual({ earliest: "2026-02-02", latest: "2027-02-02" });
    expect(dayOutsideSpan("2026-03-10", span)).toBeNull();
    expect(dayOutsideSpan("2026-02-01", span)).toBe("limits.dateTooEarly");
    expect(dayOutsideSpan("2027-02-03", span)).toBe("limits.dateTooLate");
    expect(dayOutsideSpan("2099-01-01", span)).toBe("limits.dateTooLate");
  });
  it("are at most a year ahead when the programme has no end", () => {
    const span = programmeDaySpan({ startsOn: new Date("2026-02-02T00:00:00Z"), endsOn: null }, now);
    expect(span.latest).toBe("2027-12-07");
    expect(dayOutsideSpan("2099-01-01", span)).toBe("limits.dateTooLate");
  });
});
