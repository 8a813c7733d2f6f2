import { describe, expect, it } from "vitest";
import { againstRanking, type Decision } from "./selection";

const firm = (firmId: string, total: number | null, eligible = true) => ({ firmId, total, eligible });
const decided = (firmId: string, total: number | null, decision: Decision, eligible = true) => ({ firmId, total, eligible, decision });

describe("a decision against the ranking", () => {
  it("is selecting a firm while a higher-scored eligible firm is not selected or waitlisted", () => {
    expect(againstRanking(firm("b", 60), "selected", [decided("a", 70, "not_selected")], [70, 60])).toEqual(["passesHigher"]);
    expect(againstRanking(firm("b", 60), "selected", [decided("a", 70, "waitlisted")], [70, 60])).toEqual(["passesHigher"]);
    expect(againstRanking(firm("b", 60), "selected", [decided("a", 70, "selected")], [70, 60])).toEqual([]);
  });

  it("is not selecting a firm while a lower-scored firm is selected", () => {
    expect(againstRanking(firm("a", 70), "not_selected", [decided("b", 60, "selected")], [])).toEqual(["belowLower"]);
    expect(againstRanking(firm("a", 70), "waitlisted", [decided("b", 60, "selected")], [])).toEqual(["belowLower"]);
    expect(againstRanking(firm("a", 70), "waitlisted", [decided("b", 60, "waitlisted")], [])).toEqual([]);
  });

  it("is leaving out a firm in the top fifth of eligible firms, even before anyone else is decided", () => {
    const totals = [90, 80, 70, 60, 50, 40, 30, 20, 10, 5];
    expect(againstRanking(firm("a", 80), "not_selected", [], totals)).toEqual(["topFifthNotSelected"]);
    expect(againstRanking(firm("a", 70), "not_selected", [], totals)).toEqual([]);
    expect(againstRanking(firm("a", 80), "waitlisted", [], totals)).toEqual([]);
  });

  it("is selecting an ineligible firm or one without a score", () => {
    expect(againstRanking(firm("a", 90, false), "selected", [], [])).toEqual(["ineligible"]);
    expect(againstRanking(firm("a", null, false), "selected", [], [])).toEqual(["noScore", "ineligible"]);
  });

  it("never counts ties, or passing over an ineligible firm, as against the ranking", () => {
    expect(againstRanking(firm("b", 60.04), "selected", [decided("a", 60.01, "not_selected")], [])).toEqual([]);
    expect(againstRanking(firm("b", 60), "selected", [decided("a", 70, "not_selected", false)], [60])).toEqual([]);
  });
});
