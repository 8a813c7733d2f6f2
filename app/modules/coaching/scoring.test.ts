import { describe, expect, it } from "vitest";
import { CHECKLIST, CHECKLIST_GROUPS, enabledItems } from "./checklist";
import { followThroughRate, groupScores, packScores, practiceScore, practiceTrend, unpackScores } from "./scoring";

describe("the checklist", () => {
  it("has unique keys, items in every group, and text in all four languages", () => {
    expect(new Set(CHECKLIST.map((i) => i.key)).size).toBe(CHECKLIST.length);
    for (const group of CHECKLIST_GROUPS) expect(CHECKLIST.filter((i) => i.group === group.key).length).toBeGreaterThanOrEqual(4);
    for (const item of CHECKLIST) {
      for (const lang of ["en", "sw", "am", "vi"] as const) {
        expect(item.label[lang].trim(), `${item.key} ${lang}`).not.toBe("");
        expect(item.help[lang].trim(), `${item.key} ${lang}`).not.toBe("");
      }
      expect([1, 2]).toContain(item.max);
    }
  });

  it("lets a programme switch items off by key and ignores unknown keys", () => {
    const items = enabledItems(" five_s_audit, planning_monthly_review ,no_such_item");
    expect(items.map((i) => i.key)).not.toContain("five_s_audit");
    expect(items.map((i) => i.key)).not.toContain("planning_monthly_review");
    expect(items).toHaveLength(CHECKLIST.length - 2);
    expect(enabledItems("")).toHaveLength(CHECKLIST.length);
    expect(enabledItems(null)).toHaveLength(CHECKLIST.length);
  });
});

describe("practice scores", () => {
  it("is the share of points over the items observed, graded items weighing 2", () => {
    // five_s_sort is 0-2, five_s_routine is 0/1: 1 + 1 of 3 points.
    expect(practiceScore([{ itemKey: "five_s_sort", value: 1 }, { itemKey: "five_s_routine", value: 1 }])).toBeCloseTo(2 / 3);
    expect(practiceScore([{ itemKey: "five_s_sort", value: 2 }])).toBe(1);
    expect(practiceScore([{ itemKey: "five_s_routine", value: 0 }])).toBe(0);
  });

  it("is null when nothing was observed, and leaves unknown items out", () => {
    expect(practiceScore([])).toBeNull();
    expect(practiceScore([{ itemKey: "retired_item", value: 1 }])).toBeNull();
    expect(practiceScore([{ itemKey: "retired_item", value: 1 }, { itemKey: "flow_wip", value: 0 }])).toBe(0);
  });

  it("scores each group on its own items only", () => {
    const scores = groupScores([
      { itemKey: "five_s_sort", value: 2 },
      { itemKey: "records_sales", value: 1 },
      { itemKey: "records_cash_separate", value: 0 },
    ]);
    expect(scores.five_s).toBe(1);
    expect(scores.records_money).toBeCloseTo(1 / 3);
    expect(scores.flow_quality).toBeNull();
    expect(scores.customers_planning).toBeNull();
  });
});

describe("follow-through", () => {
  it("counts done as 1 and partly as half, over reviewed actions only", () => {
    expect(followThroughRate(["done", "partly", "not_done", null])).toBeCloseTo(0.5);
    expect(followThroughRate(["done", "done"])).toBe(1);
    expect(followThroughRate([null, undefined])).toBeNull();
    expect(followThroughRate([])).toBeNull();
  });
});

describe("practice trend", () => {
  it("takes the first visit by date as the baseline and the last as the latest", () => {
    const trend = practiceTrend([
      { date: "2026-05-01", observations: [{ itemKey: "flow_wip", value: 1 }] },
      { date: "2026-03-01", observations: [{ itemKey: "flow_wip", value: 0 }, { itemKey: "five_s_routine", value: 1 }] },
      { date: "2026-04-01", observations: [] },
    ]);
    expect(trend).toEqual({ latest: 1, baseline: 0.5, change: 0.5, visits: 2 });
  });

  it("has no change with a single visit and nothing at all without visits", () => {
    expect(practiceTrend([{ date: "2026-03-01", observations: [{ itemKey: "flow_wip", value: 1 }] }])).toEqual({ latest: 1, baseline: 1, change: null, visits: 1 });
    expect(practiceTrend([])).toEqual({ latest: null, baseline: null, change: null, visits: 0 });
  });
});

describe("packed scores", () => {
  it("round-trip, and an empty checklist packs to nothing", () => {
    const scores = [
      { itemKey: "five_s_sort", value: 2 },
      { itemKey: "flow_wip", value: 0 },
    ];
    expect(packScores(scores)).toBe("five_s_sort:2,flow_wip:0");
    expect(unpackScores(packScores(scores))).toEqual(scores);
    expect(unpackScores("")).toEqual([]);
  });
});
