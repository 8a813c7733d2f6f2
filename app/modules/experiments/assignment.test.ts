import { describe, expect, it } from "vitest";
import { assign, assignLate, planStrata, stratumOf, type RosterFirm } from "./assignment";

const ARMS = [
  { key: "classes", ratio: 1 },
  { key: "visits", ratio: 1 },
  { key: "control", ratio: 2 },
];

function roster(n: number, prefix = "f"): RosterFirm[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i).padStart(3, "0")}`,
    cluster: i % 2 === 0 ? "Kariobangi" : "Gikomba",
    sector: "metalwork",
    workers: i % 3 === 0 ? 12 : 3,
    practice: (i % 10) / 10,
  }));
}

describe("stratified assignment", () => {
  it("the same roster, strata and seed always give the same assignment, whatever the roster's order", () => {
    const firms = roster(60);
    const a = assign(firms, ARMS, ["cluster", "size"], 12345).assignments;
    const b = assign([...firms].reverse(), ARMS, ["cluster", "size"], 12345).assignments;
    const byFirm = (list: typeof a) => Object.fromEntries(list.map((x) => [x.firmId, x.arm]));
    expect(byFirm(b)).toEqual(byFirm(a));
    const c = assign(firms, ARMS, ["cluster", "size"], 12346).assignments;
    expect(byFirm(c)).not.toEqual(byFirm(a));
  });

  it("splits each stratum in the chosen ratios as closely as its size allows", () => {
    const { assignments } = assign(roster(80), ARMS, ["cluster"], 99);
    for (const stratum of new Set(assignments.map((a) => a.stratum))) {
      const inStratum = assignments.filter((a) => a.stratum === stratum);
      const control = inStratum.filter((a) => a.arm === "control").length;
      // 40 firms, blocks of 4 (1:1:2): exactly 20 control.
      expect(control).toBe(20);
      expect(inStratum.filter((a) => a.arm === "classes").length).toBe(10);
    }
  });

  it("merges a stratum with fewer firms than arms into the nearest one, and says so", () => {
    const firms: RosterFirm[] = [
      ...roster(12, "a").map((f) => ({ ...f, cluster: "Kariobangi", workers: 3 })),
      ...roster(8, "b").map((f) => ({ ...f, cluster: "Kariobangi", workers: 7 })),
      { id: "big1", cluster: "Kariobangi", sector: "metalwork", workers: 25, practice: null },
      ...roster(9, "c").map((f) => ({ ...f, cluster: "Gikomba", workers: 25 })),
    ];
    const plan = planStrata(firms, ["cluster", "size"], 3);
    // The one large Kariobangi firm: same cluster, closest size band (5-9), not Gikomba's 10+.
    expect(plan.merges).toEqual([{ from: "cluster=Kariobangi|size=10+", into: "cluster=Kariobangi|size=5-9", firms: 1 }]);
    const { assignments } = assign(firms, ARMS, ["cluster", "size"], 1);
    expect(assignments.find((a) => a.firmId === "big1")!.stratum).toBe("cluster=Kariobangi|size=5-9");
  });

  it("a firm added after the freeze takes the next label of its stratum, the same rule continued", () => {
    const firms = roster(40);
    const { plan, assignments } = assign(firms, ARMS, ["cluster"], 777);
    const used = new Map<string, number>();
    for (const a of assignments) used.set(a.stratum, (used.get(a.stratum) ?? 0) + 1);
    const late = roster(40, "z");
    const lateAssignments = assignLate(late, ARMS, plan, 777, used);
    // Sequences continue where the freeze left off...
    expect(Math.min(...lateAssignments.map((a) => a.sequence))).toBe(20);
    // ...and the labels are those the stream would have given a roster twice as large.
    for (const stratum of new Set(lateAssignments.map((a) => a.stratum))) {
      const arms = lateAssignments.filter((a) => a.stratum === stratum).map((a) => a.arm);
      expect(arms.filter((a) => a === "control").length).toBe(10);
    }
    // Assigning again gives the same arms.
    expect(assignLate(late, ARMS, plan, 777, used)).toEqual(lateAssignments);
    // A firm from a cluster never seen joins the nearest stratum.
    expect(stratumOf({ id: "new", cluster: "Elsewhere", sector: "metalwork", workers: 3, practice: null }, plan)).toMatch(/^cluster=/);
  });
});
