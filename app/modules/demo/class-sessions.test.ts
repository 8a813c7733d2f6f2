import { describe, expect, it } from "vitest";
import { demoFirmRates, generateDemoClassSessions } from "./class-sessions";
import { generateDemoProgramme } from "./demo-programme";

describe("the demo class sessions", () => {
  const demo = generateDemoProgramme();
  const generated = generateDemoClassSessions(demo);

  it("are the same every time, 15 per cohort, one mark per owner per session", () => {
    expect(generateDemoClassSessions(demo)).toEqual(generated);
    for (const cohort of demo.cohorts) expect(generated.sessions.filter((s) => s.cohortId === cohort.id)).toHaveLength(15);
    const keys = generated.attendances.map((a) => `${a.sessionId}:${a.personId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("look like real attendance: mostly 70-90%, with 10-20% of firms rarely coming", () => {
    for (const rates of demoFirmRates(demo, generated)) {
      const firmRates = [...rates.perFirm.values()].map((r) => r.rate!);
      const rarely = firmRates.filter((r) => r < 0.4).length / firmRates.length;
      expect(rarely).toBeGreaterThanOrEqual(0.1);
      expect(rarely).toBeLessThanOrEqual(0.2);
      const regulars = firmRates.filter((r) => r >= 0.4);
      const median = regulars.sort((a, b) => a - b)[Math.floor(regulars.length / 2)]!;
      expect(median).toBeGreaterThanOrEqual(0.7);
      expect(median).toBeLessThanOrEqual(0.9);
      expect(rates.cohort.rate!).toBeGreaterThan(0.6);
    }
  });
});
