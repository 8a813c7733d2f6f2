import { describe, expect, it } from "vitest";
import { CHECKLIST, CHECKLIST_GROUPS } from "./checklist";
import { scoresInFormOrder } from "./checklist-order";

describe("a visit's scores in the form's order", () => {
  it("groups items as the form does and orders them as the checklist does, whatever order they were stored in", () => {
    const stored = [...CHECKLIST].sort((a, b) => b.key.localeCompare(a.key)).map((item, i) => ({ itemKey: item.key, value: i % 2 }));
    stored.push({ itemKey: "retired_item", value: 1 });
    const grouped = scoresInFormOrder(stored);
    expect(grouped.map((g) => g.group)).toEqual(CHECKLIST_GROUPS.map((g) => g.key));
    expect(grouped.flatMap((g) => g.items.map((i) => i.item.key))).toEqual(CHECKLIST.map((i) => i.key));
    for (const g of grouped) for (const i of g.items) expect(i.item.group).toBe(g.group);
  });

  it("leaves out a group without a scored item", () => {
    const only = CHECKLIST.filter((i) => i.group === "records_money").map((i) => ({ itemKey: i.key }));
    expect(scoresInFormOrder(only).map((g) => g.group)).toEqual(["records_money"]);
  });
});
