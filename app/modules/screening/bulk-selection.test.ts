import { describe, expect, it } from "vitest";
import { againstRankingTest, parseScope, scopeValue } from "./bulk-selection";
import { againstRanking, DECISIONS, type Decision } from "./selection";

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

describe("deciding in bulk", () => {
  it("judges each firm against the ranking exactly as a decision taken alone would be", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const firms = Array.from({ length: 12 }, (_, i) => ({
        firmId: `f${i}`,
        total: next() < 0.1 ? null : Math.round(next() * 1000) / 10,
        eligible: next() < 0.8,
        decision: DECISIONS[Math.floor(next() * 3)]! as Decision,
      }));
      const decided = firms.filter(() => next() < 0.7);
      for (const firm of firms) {
        for (const decision of ["selected", "waitlisted"] as const) {
          // The firm's own standing decision is the one being made (as in a batch).
          const others = decided.map((d) => (d.firmId === firm.firmId ? { ...d, decision } : d));
          const alone = againstRanking(firm, decision, others, []);
          const withSelf = againstRankingTest(others)(firm, decision);
          expect(withSelf).toEqual(alone);
        }
      }
    }
  });

  it("reads back the scopes it writes", () => {
    expect(parseScope(scopeValue({ kind: "cohort", cohortId: "c1" }))).toEqual({ kind: "cohort", cohortId: "c1" });
    expect(parseScope(scopeValue({ kind: "group", key: '["KE","metalwork"]' }))).toEqual({ kind: "group", key: '["KE","metalwork"]' });
    expect(parseScope("cohort:")).toBeNull();
    expect(parseScope("firm:x")).toBeNull();
  });
});
