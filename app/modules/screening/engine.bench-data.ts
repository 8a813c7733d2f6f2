// A deterministic synthetic programme for the screening benchmark and tests: the sizes of the
// issue's budget (15 sessions, 10 modules, 5 visits of 20 checklist items) and the levels of
// DOMAIN.md's demo data, all driven by one hidden "ability" per firm so that tests can check
// that the screen recovers it. Same n and seed, same programme.
import type { CoachingVisitEvidence, FirmEvidence, QuizModuleEvidence } from "./evidence";
import { mulberry32 } from "../statistics/seeded-random";

export interface SyntheticOptions {
  /** Share of firms never visited (no checklist, actions or records). Default 0. */
  readonly withoutVisits?: number;
  /** Share of firms that took no quizzes. Default 0. */
  readonly withoutQuiz?: number;
  /** Firms per cohort. Default 35. */
  readonly cohortSize?: number;
}

export interface SyntheticProgramme {
  readonly firms: FirmEvidence[];
  /** The hidden ability (standard normal) behind each firm's evidence, by firm id. */
  readonly ability: ReadonlyMap<string, number>;
}

export const SYNTHETIC_CHECKLIST = [
  "5s.unneededRemoved",
  "5s.toolPlaces",
  "5s.clean",
  "5s.cleaningRoutine",
  "5s.selfAudit",
  "flow.processOrder",
  "flow.wipVisible",
  "quality.checkSheet",
  "quality.rootCause",
  "maintenance.log",
  "records.dailySales",
  "records.purchases",
  "records.cashSeparated",
  "records.unitCost",
  "records.stockReorder",
  "records.monthlyProfit",
  "customers.feedback",
  "customers.priceComparison",
  "planning.writtenTarget",
  "planning.monthlyReview",
] as const;

const PLACES = [
  ["GH", "metalwork"],
  ["KE", "metalwork"],
  ["TZ", "garments"],
  ["TZ", "furniture"],
  ["ET", "leather"],
  ["VN", "steel"],
  ["VN", "knitwear"],
] as const;

export function makeSyntheticProgramme(
  n: number,
  seed: number,
  options: SyntheticOptions = {},
): SyntheticProgramme {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const cohortSize = options.cohortSize ?? 35;
  const firms: FirmEvidence[] = [];
  const ability = new Map<string, number>();

  for (let i = 0; i < n; i += 1) {
    const id = `firm-${String(i).padStart(6, "0")}`;
    const cohort = Math.floor(i / cohortSize);
    const [country, sector] = PLACES[cohort % PLACES.length]!;
    const a = normal();
    ability.set(id, a);
    // Ability nudges every measure; noise keeps the components from agreeing perfectly.
    const nudge = (scale: number) => scale * (a + 0.8 * normal());

    const held = 15;
    const excused = Math.floor(between(0, 3));
    const rarelyComes = random() < 0.15;
    const rate = rarelyComes ? between(0.05, 0.35) : clamp(between(0.7, 0.9) + nudge(0.05), 0, 1);
    const present = Math.round(rate * (held - excused));
    const late = Math.min(present, Math.floor(between(0, 3)));

    const quiz: QuizModuleEvidence[] = [];
    if (random() >= (options.withoutQuiz ?? 0)) {
      // A firm-level offset (reading ease, test nerves) that averaging over modules cannot remove.
      const offset = 0.08 * normal();
      for (let m = 1; m <= 10; m += 1) {
        const pre = tenths(between(0.4, 0.55) + nudge(0.05) + offset);
        const first = tenths(between(0.65, 0.85) + nudge(0.07) + offset);
        quiz.push({
          moduleSlug: `module-${m}`,
          preTestScore: pre,
          postTestFirstScore: first,
          postTestBestScore: Math.max(first, tenths(first + between(0, 0.15))),
        });
      }
    }

    const visited = random() >= (options.withoutVisits ?? 0);
    const visits: CoachingVisitEvidence[] = [];
    if (visited) {
      const baseline = clamp(between(0.2, 0.4) + nudge(0.05), 0, 1);
      const gain = clamp(between(0.1, 0.25) + nudge(0.04), 0, 1);
      const followRate = clamp(0.6 + nudge(0.12), 0, 1);
      for (let v = 0; v < 5; v += 1) {
        const inPlace = clamp(baseline + (gain * v) / 4, 0, 1);
        visits.push({
          date: `2025-${String(3 + 2 * v).padStart(2, "0")}-15`,
          checklist: SYNTHETIC_CHECKLIST.map((itemKey, k) => {
            const max = k % 4 === 0 ? 2 : 1; // a few graded items
            return { itemKey, max, value: random() < inPlace ? max : random() < 0.3 ? max - 1 : 0 };
          }),
          actions: Array.from({ length: 2 + Math.floor(random() * 2) }, () => {
            if (v === 4) return { outcome: null }; // not reviewed yet
            const r = random();
            return { outcome: r < followRate ? "done" : r < followRate + 0.15 ? "partly" : "not_done" };
          }),
        });
      }
    }

    firms.push({
      id,
      cohortId: `cohort-${String(cohort).padStart(4, "0")}`,
      country,
      sector,
      attendance: { held, attended: present - late, late, excused },
      quiz,
      visits,
      recordsMonthsSeen: visited ? Math.max(0, Math.round(between(0, 5) + nudge(1.5))) : null,
    });
  }
  return { firms, ability };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function tenths(x: number): number {
  return Math.round(clamp(x, 0, 1) * 10) / 10;
}
