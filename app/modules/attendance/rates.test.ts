import { describe, expect, it } from "vitest";
import { cohortRates, firmMark, heldSessions, isBelowThreshold, rateOf, sumRates } from "./rates";

describe("an attendance rate", () => {
  it("counts late as half and leaves excused out of the denominator", () => {
    const rate = rateOf(["present", "late", "absent", "excused", "present"]);
    expect(rate).toMatchObject({ held: 5, attended: 2.5, counted: 4, present: 2, late: 1, absent: 1, excused: 1 });
    expect(rate.rate).toBeCloseTo(0.625);
  });

  it("treats a missing mark in a held session as absent", () => {
    expect(rateOf(["present", undefined, null]).rate).toBeCloseTo(1 / 3);
  });

  it("has no figure when nothing counts (no sessions, or all excused)", () => {
    expect(rateOf([]).rate).toBeNull();
    expect(rateOf(["excused", "excused"]).rate).toBeNull();
    expect(isBelowThreshold(rateOf([]))).toBe(false);
  });

  it("flags a rate below the threshold, not one at it", () => {
    expect(isBelowThreshold(rateOf(["present", "present", "absent", "absent", "present"]), 0.6)).toBe(false);
    expect(isBelowThreshold(rateOf(["present", "late", "absent"]), 0.6)).toBe(true);
    expect(isBelowThreshold(rateOf(["present", "absent"]), 0.4)).toBe(false);
  });

  it("adds up rates by their counts, not by averaging percentages", () => {
    const total = sumRates([rateOf(["present"]), rateOf(["absent", "absent", "absent"])]);
    expect(total.rate).toBeCloseTo(0.25);
  });
});

describe("a firm with two owners", () => {
  it("attends when either owner does", () => {
    expect(firmMark(["absent", "present"])).toBe("present");
    expect(firmMark(["late", "absent"])).toBe("late");
    expect(firmMark(["excused", "absent"])).toBe("excused");
    expect(firmMark([undefined, undefined])).toBe("absent");
  });
});

describe("the sessions held so far", () => {
  const now = new Date("2026-02-10T08:00:00Z");
  const s = (id: string, date: string) => ({ id, date: new Date(date) });
  it("are the ones dated today or earlier whose roll was taken", () => {
    const sessions = [s("future", "2026-02-11T00:00:00Z"), s("today", "2026-02-10T00:00:00Z"), s("old", "2026-02-03T00:00:00Z"), s("untaken", "2026-02-05T00:00:00Z")];
    const marks = [{ sessionId: "future" }, { sessionId: "today" }, { sessionId: "old" }];
    expect(heldSessions(sessions, marks, now).map((x) => x.id)).toEqual(["old", "today"]);
  });

  it("give per-person, per-firm, per-session and cohort figures", () => {
    const sessions = [s("a", "2026-02-02T00:00:00Z"), s("b", "2026-02-03T00:00:00Z"), s("later", "2026-03-01T00:00:00Z")];
    const people = [
      { id: "p1", firmId: "f1" },
      { id: "p2", firmId: "f1" },
      { id: "p3", firmId: "f2" },
    ];
    const marks = [
      { sessionId: "a", personId: "p1", status: "present" as const },
      { sessionId: "b", personId: "p2", status: "late" as const },
      { sessionId: "a", personId: "p3", status: "absent" as const },
      { sessionId: "b", personId: "p3", status: "excused" as const },
      { sessionId: "later", personId: "p3", status: "present" as const },
    ];
    const result = cohortRates({ sessions, marks, people, now });
    expect(result.held.map((x) => x.id)).toEqual(["a", "b"]);
    expect(result.perPerson.get("p1")!.rate).toBeCloseTo(0.5);
    expect(result.perPerson.get("p2")!.rate).toBeCloseTo(0.25);
    expect(result.perFirm.get("f1")!.rate).toBeCloseTo(0.75);
    expect(result.perFirm.get("f2")!.rate).toBe(0);
    expect(result.perFirm.get("f2")!.counted).toBe(1);
    expect(result.perSession.get("a")!.rate).toBeCloseTo(0.5);
    expect(result.perSession.get("b")!.rate).toBeCloseTo(0.5);
    expect(result.cohort.rate).toBeCloseTo(1.5 / 3);
  });
});
