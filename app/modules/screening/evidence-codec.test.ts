import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHECKLIST } from "~/modules/coaching/checklist";
import { decodeEvidence, encodeEvidence, EVIDENCE_FORMAT, type GatheredEvidence } from "./evidence-codec";

const score = fc.option(fc.integer({ min: 0, max: 100 }).map((x) => x / 100), { nil: null });
const checklistEntry = fc.constantFrom(...CHECKLIST).chain((item) => fc.integer({ min: 0, max: item.max }).map((value) => ({ itemKey: item.key, value, max: item.max })));
const gathered: fc.Arbitrary<GatheredEvidence> = fc.record({
  attendance: fc.option(fc.record({ held: fc.nat(30), attended: fc.nat(30), late: fc.nat(30), excused: fc.nat(30) }), { nil: null }),
  quiz: fc.option(
    fc.array(fc.record({ moduleSlug: fc.constantFrom("kaizen-mindset", "seven-wastes"), preTestScore: score, postTestFirstScore: score, postTestBestScore: score }), { maxLength: 3 }),
    { nil: null },
  ),
  quizAttempts: fc.nat(40),
  visits: fc.option(
    fc.array(
      fc.record({
        date: fc.constantFrom("2026-03-01", "2026-04-15"),
        // One entry per item at most, as a visit scores each item once.
        checklist: fc.uniqueArray(checklistEntry, { selector: (c) => c.itemKey, maxLength: CHECKLIST.length }),
        actions: fc.array(fc.constantFrom("done", "partly", "not_done", null).map((outcome) => ({ outcome })), { maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    { nil: null },
  ),
  recordsMonthsSeen: fc.option(fc.nat(24), { nil: null }),
});

/** Checklist entries come back in checklist order; compare as sets. */
function sorted(e: GatheredEvidence) {
  return { ...e, visits: e.visits?.map((v) => ({ ...v, checklist: [...v.checklist].sort((a, b) => a.itemKey.localeCompare(b.itemKey)) })) ?? null };
}

describe("the stored evidence format", () => {
  it("reads back exactly what was written", () => {
    fc.assert(
      fc.property(gathered, (e) => {
        expect(sorted(decodeEvidence(encodeEvidence(e))!)).toEqual(sorted(e));
      }),
    );
  });

  it("keeps a checklist as one character per item, and anything unusual as written", () => {
    const dense = encodeEvidence({ attendance: null, quiz: null, quizAttempts: 0, recordsMonthsSeen: null, visits: [{ date: "2026-03-01", checklist: [{ itemKey: CHECKLIST[1]!.key, value: 1, max: CHECKLIST[1]!.max }], actions: [{ outcome: "done" }] }] });
    expect(JSON.parse(dense).v[0]).toEqual(["2026-03-01", `-1${"-".repeat(CHECKLIST.length - 2)}`, "d"]);
    // An item the checklist no longer has, or a value outside 0-9, is kept with its key.
    const odd = { attendance: null, quiz: null, quizAttempts: 0, recordsMonthsSeen: null, visits: [{ date: "2026-03-01", checklist: [{ itemKey: "retired_item", value: 12, max: 20 }], actions: [] }] };
    expect(decodeEvidence(encodeEvidence(odd))).toEqual(odd);
  });

  it("refuses text that is not evidence, so the firm is gathered again", () => {
    expect(decodeEvidence("{not json")).toBeNull();
    expect(decodeEvidence("null")).toBeNull();
    expect(decodeEvidence(JSON.stringify({ v: [["2026-03-01", "12", ""]] }))).toBeNull(); // wrong checklist length
    expect(EVIDENCE_FORMAT).toMatch(/^1\.[0-9a-z]+$/);
  });
});
