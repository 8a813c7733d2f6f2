import { describe, expect, it } from "vitest";
import { DEFAULT_SCREENING_MODEL, deriveScreeningModel, MODEL_ERROR, parseScreeningModel } from "./model";

// Form input is untyped; the tests build it the same way.
function withChange(change: (model: any) => void): unknown {
  const copy: unknown = structuredClone(DEFAULT_SCREENING_MODEL);
  change(copy);
  return copy;
}

function errorsOf(input: unknown): Readonly<Record<string, readonly string[]>> {
  const result = parseScreeningModel(input);
  if (result.success) throw new Error("expected the model to be rejected");
  return result.errors;
}

describe("screening model", () => {
  it("ships the default weights and thresholds of DOMAIN.md as version 1", () => {
    const result = parseScreeningModel(DEFAULT_SCREENING_MODEL);
    expect(result.success).toBe(true);
    expect(DEFAULT_SCREENING_MODEL.version).toBe(1);
    expect(DEFAULT_SCREENING_MODEL.weights).toEqual({
      practiceAdoption: 0.35,
      practiceImprovement: 0.15,
      followThrough: 0.15,
      knowledge: 0.15,
      attendance: 0.1,
      recordsEvidence: 0.1,
    });
    expect(DEFAULT_SCREENING_MODEL.thresholds.attendanceEligibility).toBe(0.6);
    expect(Object.isFrozen(DEFAULT_SCREENING_MODEL.weights)).toBe(true);
  });

  it("rejects a negative weight with a code on that field", () => {
    const errors = errorsOf(withChange((m) => (m.weights.attendance = -0.1)));
    expect(errors).toEqual({ "weights.attendance": [MODEL_ERROR.weightNegative] });
  });

  it("rejects weights that are all zero", () => {
    const errors = errorsOf(
      withChange((m) => {
        for (const key of Object.keys(m.weights)) m.weights[key] = 0;
      }),
    );
    expect(errors).toEqual({ weights: ["screening.model.weightsAllZero"] });
  });

  it("rejects thresholds out of range, fractional counts and non-numbers", () => {
    const errors = errorsOf(
      withChange((m) => {
        m.thresholds.attendanceEligibility = 1.2;
        m.thresholds.minQuizModules = 2.5;
        m.thresholds.minImprovementVisits = 1;
        m.thresholds.recordsMonthsCap = 0;
        m.weights.knowledge = "0.2";
        m.weights.followThrough = Number.POSITIVE_INFINITY;
      }),
    );
    expect(errors).toEqual({
      "thresholds.attendanceEligibility": [MODEL_ERROR.thresholdOutOfRange],
      "thresholds.minQuizModules": [MODEL_ERROR.notAWholeNumber],
      "thresholds.minImprovementVisits": [MODEL_ERROR.thresholdOutOfRange],
      "thresholds.recordsMonthsCap": [MODEL_ERROR.thresholdOutOfRange],
      "weights.knowledge": [MODEL_ERROR.notANumber],
      "weights.followThrough": [MODEL_ERROR.notANumber],
    });
  });

  it("rejects a missing version or a version below 1", () => {
    expect(errorsOf(withChange((m) => (m.version = 0)))).toEqual({ version: [MODEL_ERROR.versionInvalid] });
    expect(errorsOf(withChange((m) => delete m.version))).toEqual({ version: [MODEL_ERROR.notANumber] });
  });

  it("derives the next version with the changes and leaves the previous one as it was", () => {
    const before = structuredClone(DEFAULT_SCREENING_MODEL);
    const result = deriveScreeningModel(DEFAULT_SCREENING_MODEL, {
      weights: { attendance: 0.3 },
      thresholds: { attendanceEligibility: 0.5 },
    });
    if (!result.success) throw new Error(JSON.stringify(result.errors));
    expect(result.model.version).toBe(2);
    expect(result.model.weights.attendance).toBe(0.3);
    expect(result.model.weights.practiceAdoption).toBe(0.35);
    expect(result.model.thresholds.attendanceEligibility).toBe(0.5);
    expect(result.model.thresholds.recordsMonthsCap).toBe(6);
    expect(DEFAULT_SCREENING_MODEL).toEqual(before);

    const third = deriveScreeningModel(result.model, { weights: { knowledge: 0 } });
    expect(third.success && third.model.version).toBe(3);
    expect(result.model.weights.knowledge).toBe(0.15);
  });

  it("refuses to derive a version from invalid changes", () => {
    const result = deriveScreeningModel(DEFAULT_SCREENING_MODEL, { weights: { practiceAdoption: -1 } });
    expect(result).toEqual({
      success: false,
      errors: { "weights.practiceAdoption": [MODEL_ERROR.weightNegative] },
    });
  });
});
