import { describe, expect, it } from "vitest";
import { improveNext, measureFirm } from "./components";
import type { ChecklistItemScore, CoachingVisitEvidence, FirmEvidence } from "./evidence";
import { DEFAULT_SCREENING_MODEL } from "./model";

const thresholds = DEFAULT_SCREENING_MODEL.thresholds;

function firm(evidence: Partial<FirmEvidence> = {}): FirmEvidence {
  return { id: "f1", cohortId: "c1", country: "GH", sector: "metalwork", ...evidence };
}

/** A visit scoring `inPlace` of `items` 0/1 items (item keys i00, i01, ...). */
function visit(date: string, inPlace: number, items = 20, actions: CoachingVisitEvidence["actions"] = []) {
  const checklist: ChecklistItemScore[] = Array.from({ length: items }, (_, i) => ({
    itemKey: `i${String(i).padStart(2, "0")}`,
    value: i < inPlace ? 1 : 0,
    max: 1,
  }));
  return { date, checklist, actions };
}

describe("raw components from a firm's own evidence", () => {
  it("attendance: late counts half and excused sessions leave the denominator", () => {
    const raw = measureFirm(firm({ attendance: { held: 15, attended: 9, late: 2, excused: 1 } }), thresholds);
    // (9 + 2/2) / (15 - 1) = 10/14
    expect(raw.components.attendance.value).toBeCloseTo((100 * 10) / 14, 10);
    expect(raw.components.attendance.evidenceCount).toBe(14);
  });

  it("attendance: too few countable sessions, or none recorded, is insufficient rather than zero", () => {
    const few = measureFirm(firm({ attendance: { held: 4, attended: 0, late: 0, excused: 2 } }), thresholds);
    expect(few.components.attendance).toEqual({ value: null, tieBreak: 0, evidenceCount: 2 });
    expect(measureFirm(firm(), thresholds).components.attendance.value).toBeNull();
    const none = measureFirm(
      firm({ attendance: { held: 10, attended: 0, late: 0, excused: 0 } }),
      thresholds,
    );
    expect(none.components.attendance.value).toBe(0);
  });

  it("knowledge: mean first post-test (retakes after the explanations do not count), the best standing in, gain only as the tie-break", () => {
    const raw = measureFirm(
      firm({
        quiz: [
          {
            moduleSlug: "kaizen-mindset",
            preTestScore: 0.5,
            postTestFirstScore: 0.6,
            postTestBestScore: 0.8,
          },
          { moduleSlug: "seven-wastes", preTestScore: 0.4, postTestFirstScore: 0.6 },
          { moduleSlug: "5s-sort-set", postTestBestScore: 0.7 },
          { moduleSlug: "5s-shine", preTestScore: 0.9 }, // no post-test: not counted
        ],
      }),
      thresholds,
    );
    // first posts 0.6, 0.6 and (no first) best 0.7 -> 63.3; gains 0.1, 0.2, and 0 where no pre-test -> 10 points
    expect(raw.components.knowledge.value).toBeCloseTo(190 / 3, 10);
    expect(raw.components.knowledge.tieBreak).toBeCloseTo(10, 10);
    expect(raw.components.knowledge.evidenceCount).toBe(3);
  });

  it("knowledge: fewer post-tests than the minimum is insufficient", () => {
    const raw = measureFirm(firm({ quiz: [{ moduleSlug: "m1", postTestBestScore: 1 }] }), thresholds);
    expect(raw.components.knowledge.value).toBeNull();
  });

  it("practice adoption and improvement: latest visit, and points gained since the baseline", () => {
    const raw = measureFirm(
      firm({ visits: [visit("2025-01-10", 6), visit("2025-03-10", 9), visit("2025-05-10", 12)] }),
      thresholds,
    );
    expect(raw.components.practiceAdoption.value).toBeCloseTo(60, 10); // 12 of 20
    expect(raw.components.practiceImprovement.value).toBeCloseTo(30, 10); // 30% -> 60%
    expect(raw.components.practiceAdoption.evidenceCount).toBe(3);
  });

  it("practice: graded items count their points; visits are taken in date order", () => {
    const graded: ChecklistItemScore[] = [
      { itemKey: "a", value: 2, max: 2 },
      { itemKey: "b", value: 1, max: 2 },
      { itemKey: "c", value: 0, max: 1 },
      { itemKey: "d", value: 1, max: 1 },
      { itemKey: "e", value: 0, max: 1 },
    ];
    const raw = measureFirm(
      firm({ visits: [{ date: "2025-06-01", checklist: graded, actions: [] }, visit("2025-01-01", 1, 5)] }),
      thresholds,
    );
    expect(raw.components.practiceAdoption.value).toBeCloseTo((100 * 4) / 7, 10);
    expect(raw.components.practiceImprovement.value).toBeCloseTo(100 * (4 / 7 - 1 / 5), 10);
  });

  it("practice: a loss counts as no improvement; one visit gives no improvement figure", () => {
    const worse = measureFirm(
      firm({ visits: [visit("2025-01-01", 10), visit("2025-02-01", 8)] }),
      thresholds,
    );
    expect(worse.components.practiceImprovement.value).toBe(0);
    const once = measureFirm(firm({ visits: [visit("2025-01-01", 10)] }), thresholds);
    expect(once.components.practiceImprovement.value).toBeNull();
    expect(once.components.practiceAdoption.value).toBe(50);
  });

  it("practice: a visit that scored fewer items than the minimum does not count", () => {
    const raw = measureFirm(
      firm({ visits: [visit("2025-01-01", 4), visit("2025-02-01", 3, 3)] }),
      thresholds,
    );
    expect(raw.components.practiceAdoption.value).toBe(20); // the 3-item visit is skipped
    expect(raw.components.practiceImprovement.value).toBeNull();
  });

  it("follow-through: done 1, partly 1/2, not done 0; unreviewed actions are left out", () => {
    const raw = measureFirm(
      firm({
        visits: [
          visit("2025-01-01", 5, 20, [{ outcome: "done" }, { outcome: "partly" }]),
          visit("2025-02-01", 5, 20, [{ outcome: "not_done" }, { outcome: "done" }]),
          visit("2025-03-01", 5, 20, [{ outcome: null }, {}]),
        ],
      }),
      thresholds,
    );
    expect(raw.components.followThrough.value).toBeCloseTo(62.5, 10); // 2.5 of 4
    expect(raw.components.followThrough.evidenceCount).toBe(4);
  });

  it("records evidence: months seen as a share of the cap, capped; unknown is insufficient", () => {
    const cap = thresholds.recordsMonthsCap; // 6
    expect(measureFirm(firm({ recordsMonthsSeen: 3 }), thresholds).components.recordsEvidence.value).toBe(
      (100 * 3) / cap,
    );
    expect(measureFirm(firm({ recordsMonthsSeen: 9 }), thresholds).components.recordsEvidence.value).toBe(
      100,
    );
    expect(measureFirm(firm({ recordsMonthsSeen: 0 }), thresholds).components.recordsEvidence.value).toBe(0);
    expect(
      measureFirm(firm({ recordsMonthsSeen: null }), thresholds).components.recordsEvidence.value,
    ).toBeNull();
  });

  it("improve next: items below max at the latest visit, most points first, then by item key", () => {
    const latest: ChecklistItemScore[] = [
      { itemKey: "records.dailySales", value: 0, max: 1 },
      { itemKey: "5s.clean", value: 1, max: 1 },
      { itemKey: "quality.checkSheet", value: 0, max: 2 },
      { itemKey: "flow.wipVisible", value: 1, max: 2 },
      { itemKey: "customers.feedback", value: 0, max: 1 },
    ];
    const raw = measureFirm(
      firm({ visits: [visit("2025-01-01", 0, 5), { date: "2025-02-01", checklist: latest, actions: [] }] }),
      thresholds,
    );
    expect(improveNext(raw.latestVisit)).toEqual([
      { itemKey: "quality.checkSheet", value: 0, max: 2, pointsAvailable: 2 },
      { itemKey: "customers.feedback", value: 0, max: 1, pointsAvailable: 1 },
      { itemKey: "flow.wipVisible", value: 1, max: 2, pointsAvailable: 1 },
    ]);
    expect(improveNext(undefined)).toEqual([]);
  });
});
