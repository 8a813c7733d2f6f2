// The screening model: which components count, how much, and the thresholds that decide when
// evidence is enough. A model is a versioned hypothesis (see DOMAIN.md "The screening score"):
// results and selection decisions store the version they used, so a changed model is always a
// new version and never an edit of an old one.
import { z } from "zod";

export const COMPONENT_KEYS = [
  "practiceAdoption",
  "practiceImprovement",
  "followThrough",
  "knowledge",
  "attendance",
  "recordsEvidence",
] as const;

export type ComponentKey = (typeof COMPONENT_KEYS)[number];

/** Relative weights; the engine divides by their sum, so they need not add up to 1. */
export type ComponentWeights = Readonly<Record<ComponentKey, number>>;

export interface ScreeningThresholds {
  /** Attendance share (0-1) below which a firm is ineligible, whatever its score. */
  readonly attendanceEligibility: number;
  /** Fewest countable class sessions (held minus excused) for attendance to count. */
  readonly minAttendanceSessions: number;
  /** Fewest modules with a post-test for knowledge to count. */
  readonly minQuizModules: number;
  /** Fewest checklist items scored at a visit for that visit to count as an observation. */
  readonly minChecklistItems: number;
  /** Fewest counted visits for practice improvement (the baseline plus at least one more). */
  readonly minImprovementVisits: number;
  /** Fewest agreed actions reviewed at a later visit for follow-through to count. */
  readonly minFollowThroughActions: number;
  /** Months of records seen that earn the full records-evidence component. */
  readonly recordsMonthsCap: number;
  /** Comparison groups smaller than this give results a low-confidence flag. */
  readonly minComparisonGroup: number;
  /**
   * How strongly the components agree (0-1: the typical rank correlation between two of them).
   * A missing component counts at what the present ones predict, pulled toward the middle the
   * more weakly they agree (engine.ts). Measured on past cohorts by the calibration.
   */
  readonly componentAgreement: number;
}

export interface ScreeningModel {
  readonly version: number;
  readonly weights: ComponentWeights;
  readonly thresholds: ScreeningThresholds;
}

/** Error codes are translation keys, so forms can show them in the viewer's language. */
export const MODEL_ERROR = {
  notANumber: "screening.model.notANumber",
  notAWholeNumber: "screening.model.notAWholeNumber",
  weightNegative: "screening.model.weightNegative",
  weightsAllZero: "screening.model.weightsAllZero",
  thresholdOutOfRange: "screening.model.thresholdOutOfRange",
  versionInvalid: "screening.model.versionInvalid",
} as const;

export const DEFAULT_SCREENING_MODEL: ScreeningModel = deepFreeze({
  version: 1,
  weights: {
    practiceAdoption: 0.35,
    practiceImprovement: 0.15,
    followThrough: 0.15,
    knowledge: 0.15,
    attendance: 0.1,
    recordsEvidence: 0.1,
  },
  thresholds: {
    attendanceEligibility: 0.6,
    minAttendanceSessions: 3,
    minQuizModules: 3,
    minChecklistItems: 5,
    minImprovementVisits: 2,
    minFollowThroughActions: 2,
    // Half a year of books seen means the habit has taken hold; more adds little signal.
    recordsMonthsCap: 6,
    // A cohort is 25-45 firms; a percentile among fewer than 10 firms moves in big steps.
    minComparisonGroup: 10,
    // Training measures of the same owners agree moderately (about 0.3 between two components
    // at DOMAIN.md's demo levels); the calibration measures it on the programme's own cohorts.
    componentAgreement: 0.3,
  },
});

const number = () => z.number({ error: MODEL_ERROR.notANumber });

const weight = number().min(0, { error: MODEL_ERROR.weightNegative });

const wholeNumberIn = (min: number, max: number) =>
  number()
    .int({ error: MODEL_ERROR.notAWholeNumber })
    .min(min, { error: MODEL_ERROR.thresholdOutOfRange })
    .max(max, { error: MODEL_ERROR.thresholdOutOfRange });

export const screeningWeightsSchema = z
  .object({
    practiceAdoption: weight,
    practiceImprovement: weight,
    followThrough: weight,
    knowledge: weight,
    attendance: weight,
    recordsEvidence: weight,
  })
  .refine((weights) => Object.values(weights).some((w) => w > 0), {
    error: MODEL_ERROR.weightsAllZero,
  });

export const screeningThresholdsSchema = z.object({
  attendanceEligibility: number()
    .min(0, { error: MODEL_ERROR.thresholdOutOfRange })
    .max(1, { error: MODEL_ERROR.thresholdOutOfRange }),
  minAttendanceSessions: wholeNumberIn(1, 100),
  minQuizModules: wholeNumberIn(1, 50),
  minChecklistItems: wholeNumberIn(1, 200),
  minImprovementVisits: wholeNumberIn(2, 20),
  minFollowThroughActions: wholeNumberIn(1, 100),
  recordsMonthsCap: wholeNumberIn(1, 60),
  minComparisonGroup: wholeNumberIn(1, 1000),
  // Versions stored before the agreement existed read as the default.
  componentAgreement: number()
    .min(0, { error: MODEL_ERROR.thresholdOutOfRange })
    .max(1, { error: MODEL_ERROR.thresholdOutOfRange })
    .default(0.3),
});

export const screeningModelSchema = z.object({
  version: number().int({ error: MODEL_ERROR.versionInvalid }).min(1, { error: MODEL_ERROR.versionInvalid }),
  weights: screeningWeightsSchema,
  thresholds: screeningThresholdsSchema,
});

export type ModelParseResult =
  | { readonly success: true; readonly model: ScreeningModel }
  /** errors: dotted field path (e.g. `weights.attendance`) -> error codes. */
  | { readonly success: false; readonly errors: Readonly<Record<string, readonly string[]>> };

export function parseScreeningModel(input: unknown): ModelParseResult {
  const parsed = screeningModelSchema.safeParse(input);
  if (parsed.success) return { success: true, model: deepFreeze(parsed.data) };
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join(".") || "model";
    const codes = (errors[field] ??= []);
    if (!codes.includes(issue.message)) codes.push(issue.message);
  }
  return { success: false, errors };
}

export interface ModelChange {
  readonly weights?: Partial<Record<ComponentKey, number>>;
  readonly thresholds?: Partial<ScreeningThresholds>;
}

/**
 * The next version of a model with some weights or thresholds changed. The previous model is
 * left untouched: past results and decisions keep pointing at it.
 */
export function deriveScreeningModel(previous: ScreeningModel, change: ModelChange): ModelParseResult {
  return parseScreeningModel({
    version: previous.version + 1,
    weights: { ...previous.weights, ...change.weights },
    thresholds: { ...previous.thresholds, ...change.thresholds },
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
