import { describe, expect, it } from "vitest";
import { histogram, matches, pageOf, readFilters } from "./list";

describe("the ranked list", () => {
  it("counts scores in ten bands, 100 in the last, and firms without a score apart", () => {
    expect(histogram([{ total: 0 }, { total: 9.99 }, { total: 55 }, { total: 100 }, { total: null }])).toEqual({
      bands: [2, 0, 0, 0, 0, 1, 0, 0, 0, 1],
      unscored: 1,
    });
  });

  it("filters on every criterion given and ignores empty ones", () => {
    const place = { cohortId: "c1", clusterId: "k1", country: "KE", sector: "metalwork" };
    expect(matches(place, readFilters(new URLSearchParams("cohort=c1&country=KE&sector=")))).toBe(true);
    expect(matches(place, readFilters(new URLSearchParams("cohort=c2")))).toBe(false);
    expect(matches(undefined, readFilters(new URLSearchParams("")))).toBe(false);
  });

  it("pages by fifty and clamps a page out of range", () => {
    const rows = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(rows, null)).toMatchObject({ page: 1, pages: 3 });
    expect(pageOf(rows, "3").rows).toEqual(rows.slice(100));
    expect(pageOf(rows, "99").page).toBe(3);
    expect(pageOf(rows, "abc").page).toBe(1);
  });
});
