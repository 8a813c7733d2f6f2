import { describe, expect, it } from "vitest";
import { generateDemoProgramme } from "./demo-programme";

describe("the demo programme", () => {
  const demo = generateDemoProgramme();

  it("is the same every time", () => {
    expect(generateDemoProgramme()).toEqual(demo);
  });

  it("has two clusters in two countries and languages, each with a cohort of 25-45 firms", () => {
    expect(new Set(demo.clusters.map((c) => c.country)).size).toBe(2);
    for (const cohort of demo.cohorts) {
      const firms = demo.firms.filter((f) => f.cohortId === cohort.id).length;
      expect(firms).toBeGreaterThanOrEqual(25);
      expect(firms).toBeLessThanOrEqual(45);
    }
  });

  it("has mostly firms of 2-10 workers", () => {
    const small = demo.firms.filter((f) => f.workers >= 2 && f.workers <= 10).length;
    expect(small / demo.firms.length).toBeGreaterThan(0.7);
  });

  it("gives every firm an owner, and no two people the same phone number", () => {
    for (const firm of demo.firms) expect(demo.people.some((p) => p.firmId === firm.id)).toBe(true);
    const phones = demo.people.map((p) => p.phone).filter(Boolean);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it("lists demo accounts for each role", () => {
    expect(new Set(demo.accounts.map((a) => a.role))).toEqual(new Set(["admin", "manager", "trainer", "owner"]));
    expect(demo.accounts.filter((a) => a.role === "owner").length).toBeGreaterThanOrEqual(4);
  });
});
