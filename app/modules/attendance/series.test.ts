import { describe, expect, it } from "vitest";
import { addDays, planSeries, seriesClientId } from "./series";

describe("a repeating schedule", () => {
  it("steps by the given days across month and year ends", () => {
    expect(addDays("2026-12-29", 7)).toBe("2027-01-05");
    expect(planSeries({ start: "2026-02-24", count: 3, everyDays: 3, modules: [] }).map((s) => s.date)).toEqual(["2026-02-24", "2026-02-27", "2026-03-02"]);
  });

  it("gives each session a run of modules in order when there are more modules than sessions", () => {
    const plan = planSeries({ start: "2026-03-02", count: 3, everyDays: 7, modules: ["a", "b", "c", "d", "e"] });
    expect(plan.map((s) => s.modules)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(plan.flatMap((s) => s.modules)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("spreads fewer modules over more sessions, in order, leaving gaps", () => {
    const plan = planSeries({ start: "2026-03-02", count: 4, everyDays: 7, modules: ["a", "b"] });
    expect(plan.map((s) => s.modules)).toEqual([["a"], [], ["b"], []]);
  });

  it("keeps the count within 1 and the maximum", () => {
    expect(planSeries({ start: "2026-03-02", count: 0, everyDays: 7, modules: [] })).toHaveLength(1);
    expect(planSeries({ start: "2026-03-02", count: 500, everyDays: 7, modules: [] })).toHaveLength(60);
  });

  it("keys a single session by the form's key and a series by key and position", () => {
    expect(seriesClientId("abc12345", 0, 1)).toBe("abc12345");
    expect([0, 1].map((i) => seriesClientId("abc12345", i, 2))).toEqual(["abc12345-1", "abc12345-2"]);
  });
});
