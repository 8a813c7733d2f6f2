import { describe, expect, it } from "vitest";
import { percentileDigits, shownPercentile } from "./display";

describe("percentiles in words", () => {
  it("are whole numbers away from the ends", () => {
    expect(percentileDigits(72.4)).toBe(0);
    expect(shownPercentile(72.4)).toBe(72);
  });
  it("are never rounded to 100 or 0", () => {
    expect(shownPercentile(99.5)).toBe(99.5);
    expect(shownPercentile(99.96)).toBe(99.96);
    expect(shownPercentile(0.4)).toBe(0.4);
    expect(shownPercentile(99.99999)).toBe(99.999);
    expect(shownPercentile(0.00001)).toBe(0.001);
  });
});
