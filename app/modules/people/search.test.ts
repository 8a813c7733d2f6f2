import { describe, expect, it } from "vitest";
import { containsPattern, parseSearch } from "./search";

describe("reading a search", () => {
  it("reads a phone number however it is written", () => {
    for (const raw of ["+254 722 000 001", "00254722000001", "(254) 722-000-001"]) expect(parseSearch(raw)).toEqual({ kind: "phone", digits: "254722000001" });
    expect(parseSearch("0722 000 001")).toEqual({ kind: "phone", digits: "722000001" });
    expect(parseSearch("001")).toBeNull();
  });

  it("reads anything else as part of a name, in lower case", () => {
    expect(parseSearch("  Baraka   WELDING ")).toEqual({ kind: "text", text: "baraka welding" });
    expect(parseSearch("Nguyễn")).toEqual({ kind: "text", text: "nguyễn" });
  });

  it("refuses what is too short to be useful", () => {
    expect(parseSearch("a")).toBeNull();
    expect(parseSearch("12")).toBeNull();
    expect(parseSearch("")).toBeNull();
    expect(parseSearch(null)).toBeNull();
  });

  it("takes % and _ in a name literally", () => {
    expect(containsPattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});
