// Properties the screening score must keep for any evidence, any valid model and any group.
// Monotonicity is stated with the rest of the group held fixed: scores are relative to the group,
// so "better evidence never lowers the score" means "this firm improves, nobody else changes".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { screen, type ComparisonGroup, type FirmScreening } from "./engine";
import type { AttendanceEvidence, CoachingVisitEvidence, FirmEvidence, QuizModuleEvidence } from "./evidence";
import type { ComponentKey, ScreeningModel } from "./model";
import { COMPONENT_KEYS, DEFAULT_SCREENING_MODEL } from "./model";

const EPSILON = 1e-9;
const ITEM_KEYS = [
  "5s.clean",
  "5s.toolPlaces",
  "flow.processOrder",
  "quality.checkSheet",
  "records.dailySales",
  "customers.feedback",
];

const tenth = fc.integer({ min: 0, max: 10 }).map((x) => x / 10);

const attendanceArb: fc.Arbitrary<AttendanceEvidence> = fc
  .tuple(...[0, 1, 2, 3].map(() => fc.integer({ min: 0, max: 6 })))
  .map(([attended = 0, late = 0, excused = 0, absent = 0]) => ({
    held: attended + late + excused + absent,
    attended,
    late,
    excused,
  }));

const quizArb: fc.Arbitrary<QuizModuleEvidence[]> = fc
  .array(fc.record({ pre: fc.option(tenth), first: fc.option(tenth), best: fc.option(tenth) }), {
    maxLength: 4,
  })
  .map((modules) =>
    modules.map((m, i) => ({
      moduleSlug: `m${i}`,
      preTestScore: m.pre,
      postTestFirstScore: m.first,
      postTestBestScore: m.best,
    })),
  );

const visitArb = fc.record({
  values: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: ITEM_KEYS.length }),
  actions: fc.array(fc.constantFrom("done", "partly", "not_done", null), { maxLength: 3 }),
});

/** Visits in date order; item i is graded 0-2 when i % 3 === 0, else 0/1. */
const visitsArb: fc.Arbitrary<CoachingVisitEvidence[]> = fc.array(visitArb, { maxLength: 4 }).map((visits) =>
  visits.map((v, i) => ({
    date: `2025-0${i + 1}-01`,
    checklist: v.values.map((value, k) => {
      const max = k % 3 === 0 ? 2 : 1;
      return { itemKey: ITEM_KEYS[k]!, max, value: Math.min(value, max) };
    }),
    actions: v.actions.map((outcome) => ({ outcome })),
  })),
);

const firmArb = fc.record({
  cohortId: fc.constantFrom("c1", "c2"),
  country: fc.constantFrom("GH", "KE"),
  attendance: fc.option(attendanceArb),
  quiz: fc.option(quizArb),
  visits: fc.option(visitsArb),
  recordsMonthsSeen: fc.option(fc.integer({ min: 0, max: 12 })),
});

const groupArb: fc.Arbitrary<FirmEvidence[]> = fc
  .array(firmArb, { minLength: 1, maxLength: 12 })
  .map((firms) => firms.map((f, i) => ({ id: `f${String(i).padStart(2, "0")}`, sector: "metalwork", ...f })));

const weightArb = fc.constantFrom(0, 0, 1, 2, 3.5);
const modelArb: fc.Arbitrary<ScreeningModel> = fc
  .record({
    weights: fc.record(
      Object.fromEntries(COMPONENT_KEYS.map((k) => [k, weightArb])) as Record<
        ComponentKey,
        fc.Arbitrary<number>
      >,
    ),
    minAttendanceSessions: fc.integer({ min: 1, max: 3 }),
    minQuizModules: fc.integer({ min: 1, max: 2 }),
    minChecklistItems: fc.integer({ min: 1, max: 4 }),
    minImprovementVisits: fc.integer({ min: 2, max: 3 }),
    minFollowThroughActions: fc.integer({ min: 1, max: 2 }),
    recordsMonthsCap: fc.integer({ min: 3, max: 12 }),
  })
  .filter(({ weights }) => Object.values(weights).some((w) => w > 0))
  .map(({ weights, ...thresholds }) => ({
    version: 1,
    weights,
    thresholds: { ...DEFAULT_SCREENING_MODEL.thresholds, ...thresholds },
  }));

const attendanceGainArb = fc.constantFrom("absentToLate", "absentToOnTime", "lateToOnTime");

const comparisonArb = fc.constantFrom<ComparisonGroup>("cohort", "countrySector");

function run(firms: readonly FirmEvidence[], model: ScreeningModel, comparisonGroup: ComparisonGroup) {
  return new Map(screen(firms, model, { comparisonGroup }).map((r) => [r.firmId, r]));
}

function replaceFirm(firms: readonly FirmEvidence[], index: number, firm: FirmEvidence): FirmEvidence[] {
  return firms.map((f, i) => (i === index ? firm : f));
}

/**
 * The improved firm's score and rank do not get worse, and nobody else's score rises: with
 * percentiles, one firm's gain can only push others down, never lift a rival past it.
 */
function expectNoLoss(
  before: Map<string, FirmScreening>,
  after: Map<string, FirmScreening>,
  improvedId: string,
) {
  for (const [id, b] of before) {
    const a = after.get(id)!;
    if (id === improvedId) {
      expect(a.total ?? -1).toBeGreaterThanOrEqual((b.total ?? -1) - EPSILON);
      expect(a.rank ?? Infinity).toBeLessThanOrEqual(b.rank ?? Infinity);
    } else {
      expect(a.total ?? -1).toBeLessThanOrEqual((b.total ?? -1) + EPSILON);
    }
  }
}

describe("screening score properties", () => {
  it("stays within 0-100, its contributions add up to it, ranks and percentiles are in range", () => {
    fc.assert(
      fc.property(groupArb, modelArb, comparisonArb, (firms, model, group) => {
        for (const r of screen(firms, model, { comparisonGroup: group })) {
          for (const c of Object.values(r.components)) {
            if (c.standardised !== null) expect(c.standardised).toBeGreaterThan(0);
            if (c.standardised !== null) expect(c.standardised).toBeLessThan(100);
          }
          if (r.total === null) continue;
          expect(r.total).toBeGreaterThanOrEqual(0);
          expect(r.total).toBeLessThanOrEqual(100);
          const sum = Object.values(r.components).reduce((s, c) => s + (c.contribution ?? 0), 0);
          expect(sum).toBeCloseTo(r.total, 9);
          expect(r.percentile).toBeGreaterThan(0);
          expect(r.percentile).toBeLessThan(100);
          expect(r.rank).toBeGreaterThanOrEqual(1);
          expect(r.rank).toBeLessThanOrEqual(r.comparisonGroup.size);
        }
      }),
    );
  });

  it("more attendance never lowers a firm's score or rank", () => {
    fc.assert(
      fc.property(
        groupArb,
        modelArb,
        comparisonArb,
        fc.nat(),
        attendanceGainArb,
        (firms, model, group, pick, gain) => {
          const index = pick % firms.length;
          const a = firms[index]!.attendance;
          if (!a) return;
          const absent = a.held - a.attended - a.late - a.excused;
          const better =
            gain === "absentToLate" && absent > 0
              ? { ...a, late: a.late + 1 }
              : gain === "absentToOnTime" && absent > 0
                ? { ...a, attended: a.attended + 1 }
                : gain === "lateToOnTime" && a.late > 0
                  ? { ...a, late: a.late - 1, attended: a.attended + 1 }
                  : null;
          if (!better) return;
          const improved = replaceFirm(firms, index, { ...firms[index]!, attendance: better });
          expectNoLoss(run(firms, model, group), run(improved, model, group), firms[index]!.id);
        },
      ),
    );
  });

  it("a better post-test never lowers a firm's score or rank", () => {
    fc.assert(
      fc.property(
        groupArb,
        modelArb,
        comparisonArb,
        fc.nat(),
        fc.nat(),
        (firms, model, group, pick, modulePick) => {
          const index = pick % firms.length;
          const quiz = firms[index]!.quiz;
          if (!quiz || quiz.length === 0) return;
          const m = modulePick % quiz.length;
          const current = Math.max(quiz[m]!.postTestBestScore ?? 0, quiz[m]!.postTestFirstScore ?? 0);
          if (current >= 1 || (quiz[m]!.postTestBestScore == null && quiz[m]!.postTestFirstScore == null))
            return;
          const better = quiz.map((q, i) =>
            i === m ? { ...q, postTestBestScore: Math.min(1, current + 0.1) } : q,
          );
          const improved = replaceFirm(firms, index, { ...firms[index]!, quiz: better });
          expectNoLoss(run(firms, model, group), run(improved, model, group), firms[index]!.id);
        },
      ),
    );
  });

  it("more practices in place at the latest visit never lower a firm's score or rank", () => {
    fc.assert(
      fc.property(
        groupArb,
        modelArb,
        comparisonArb,
        fc.nat(),
        fc.nat(),
        (firms, model, group, pick, itemPick) => {
          const index = pick % firms.length;
          const visits = firms[index]!.visits;
          const latest = visits?.at(-1);
          if (!visits || !latest) return;
          const k = itemPick % latest.checklist.length;
          const item = latest.checklist[k]!;
          if (item.value >= item.max) return;
          const raised = {
            ...latest,
            checklist: latest.checklist.map((it, i) => (i === k ? { ...it, value: it.value + 1 } : it)),
          };
          const improved = replaceFirm(firms, index, {
            ...firms[index]!,
            visits: [...visits.slice(0, -1), raised],
          });
          expectNoLoss(run(firms, model, group), run(improved, model, group), firms[index]!.id);
        },
      ),
    );
  });

  it("missing evidence never scores below the same evidence recorded as zero", () => {
    const zeroEvidence = (model: ScreeningModel): Record<string, Partial<FirmEvidence>> => {
      const t = model.thresholds;
      const items = Math.max(t.minChecklistItems, 2);
      const visit = (withActions: boolean): CoachingVisitEvidence => ({
        date: "2025-01-01",
        checklist: Array.from({ length: items }, (_, i) => ({ itemKey: `z${i}`, value: 0, max: 1 })),
        actions: withActions
          ? Array.from({ length: t.minFollowThroughActions }, () => ({ outcome: "not_done" as const }))
          : [],
      });
      return {
        visits: {
          visits: Array.from({ length: t.minImprovementVisits }, (_, v) => ({
            ...visit(v === 0),
            date: `2025-0${v + 1}-01`,
          })),
          recordsMonthsSeen: 0,
        },
        quiz: {
          quiz: Array.from({ length: t.minQuizModules }, (_, i) => ({
            moduleSlug: `m${i}`,
            postTestBestScore: 0,
          })),
        },
        attendance: { attendance: { held: t.minAttendanceSessions, attended: 0, late: 0, excused: 0 } },
      };
    };
    const missing: Record<string, Partial<FirmEvidence>> = {
      visits: { visits: null, recordsMonthsSeen: null },
      quiz: { quiz: null },
      attendance: { attendance: null },
    };
    fc.assert(
      fc.property(
        groupArb,
        modelArb,
        comparisonArb,
        fc.nat(),
        fc.constantFrom("visits", "quiz", "attendance"),
        (firms, model, group, pick, kind) => {
          const index = pick % firms.length;
          const id = firms[index]!.id;
          const without = run(
            replaceFirm(firms, index, { ...firms[index]!, ...missing[kind] }),
            model,
            group,
          ).get(id)!;
          const zero = run(
            replaceFirm(firms, index, { ...firms[index]!, ...zeroEvidence(model)[kind] }),
            model,
            group,
          ).get(id)!;
          if (without.total === null) return; // nothing else to score it on
          expect(without.total).toBeGreaterThanOrEqual(zero.total! - EPSILON);
        },
      ),
    );
  });

  it("at equal standing, missing visits neither lift nor lower firms on average, nor spread them", () => {
    // Every component ranks the firms in the same order (firm i is i-th everywhere), so each
    // firm's "ability" is unambiguous. Dropping a firm's visits pulls it toward the middle by
    // how weakly the components agree, never past it, and by as much above as below.
    const ranked = (n: number): FirmEvidence[] =>
      Array.from({ length: n }, (_, i) => ({
        id: `r${String(i).padStart(2, "0")}`,
        cohortId: "c1",
        country: "GH",
        sector: "metalwork",
        attendance: { held: 20, attended: 3 + i, late: 0, excused: 0 },
        quiz: [0, 1, 2].map((m) => ({ moduleSlug: `m${m}`, postTestBestScore: (40 + 4 * i) / 100 })),
        visits: [1, 2 + i].map((inPlace, v) => ({
          date: `2025-0${v + 1}-01`,
          checklist: Array.from({ length: 20 }, (_, k) => ({
            itemKey: `k${k}`,
            value: k < inPlace ? 1 : 0,
            max: 1,
          })),
          actions:
            v === 0
              ? Array.from({ length: 20 }, (_, k) => ({
                  outcome: k <= i ? ("done" as const) : ("not_done" as const),
                }))
              : [],
        })),
        recordsMonthsSeen: 1 + i,
      }));
    const model = {
      ...DEFAULT_SCREENING_MODEL,
      thresholds: { ...DEFAULT_SCREENING_MODEL.thresholds, recordsMonthsCap: 24 },
    };
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 15 }), (n) => {
        const firms = ranked(n);
        let bias = 0;
        firms.forEach((firm, index) => {
          const withVisits = run(firms, model, "cohort").get(firm.id)!;
          const withoutVisits = run(
            replaceFirm(firms, index, { ...firm, visits: [], recordsMonthsSeen: null }),
            model,
            "cohort",
          ).get(firm.id)!;
          expect(withVisits.total).toBeCloseTo((100 * (index + 0.5)) / n, 9);
          // Never further from the middle than the same firm with its visits...
          expect(Math.abs(withoutVisits.total! - 50)).toBeLessThanOrEqual(Math.abs(withVisits.total! - 50) + EPSILON);
          // ...and on the same side of it.
          expect((withoutVisits.total! - 50) * (withVisits.total! - 50)).toBeGreaterThanOrEqual(-EPSILON);
          bias += withoutVisits.total! - withVisits.total!;
        });
        // At equal standing, missing visits neither lift nor lower firms on average.
        expect(bias / n).toBeCloseTo(0, 9);
      }),
      // Each run screens the group twice per firm: fewer runs keep it quick on a busy machine.
      { numRuns: 30 },
    );
  });

  it("gives the same result for the same firms in any order", () => {
    fc.assert(
      fc.property(
        groupArb.chain((firms) =>
          fc.tuple(
            fc.constant(firms),
            fc.shuffledSubarray(firms, { minLength: firms.length, maxLength: firms.length }),
          ),
        ),
        modelArb,
        comparisonArb,
        ([firms, shuffled], model, group) => {
          const first = screen(firms, model, { comparisonGroup: group });
          expect(screen(firms, model, { comparisonGroup: group })).toEqual(first);
          expect(screen(shuffled, model, { comparisonGroup: group })).toEqual(first);
        },
      ),
    );
  });
});
