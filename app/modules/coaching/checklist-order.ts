import { CHECKLIST, CHECKLIST_GROUPS, type ChecklistGroupKey, type ChecklistItem } from "./checklist";

/**
 * A visit's scores as the form shows them: by group, in the form's order, each group's items in
 * the checklist's order. Keys no longer in the checklist are left out (their labels are gone);
 * a group with no scored item is left out.
 */
export function scoresInFormOrder<S extends { itemKey: string }>(scores: readonly S[]): { group: ChecklistGroupKey; items: { item: ChecklistItem; score: S }[] }[] {
  const byKey = new Map(scores.map((s) => [s.itemKey, s]));
  return CHECKLIST_GROUPS.map((group) => ({
    group: group.key,
    items: CHECKLIST.filter((item) => item.group === group.key && byKey.has(item.key)).map((item) => ({ item, score: byKey.get(item.key)! })),
  })).filter((g) => g.items.length > 0);
}
