// Fair at the top: on synthetic programmes where one hidden ability drives every component and a
// fifth of the firms miss their coaching visits at random, firms without visits must neither
// crowd the top of the ranking nor sit above or below equally able firms on average.
import { linearRegression } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { screen } from "./engine";
import { makeSyntheticProgramme } from "./engine.bench-data";
import { DEFAULT_SCREENING_MODEL } from "./model";

const PROGRAMMES = 24;
const FIRMS = 300;

function programmes() {
  return Array.from({ length: PROGRAMMES }, (_, p) => {
    const programme = makeSyntheticProgramme(FIRMS, 1000 + p, { withoutVisits: 0.2 });
    const results = screen(programme.firms, DEFAULT_SCREENING_MODEL, { comparisonGroup: "cohort" });
    const noVisits = new Set(programme.firms.filter((f) => !f.visits || f.visits.length === 0).map((f) => f.id));
    return { programme, results, noVisits };
  });
}

describe("fair at the top (synthetic programmes)", () => {
  const runs = programmes();

  it("firms missing visits make up the top tenth about as often as the whole list", () => {
    const gaps = runs.map(({ results, noVisits }) => {
      const ranked = results.filter((r) => r.total !== null);
      const top = ranked.slice(0, Math.round(ranked.length / 10));
      const shareTop = top.filter((r) => noVisits.has(r.firmId)).length / top.length;
      const shareAll = ranked.filter((r) => noVisits.has(r.firmId)).length / ranked.length;
      return shareTop - shareAll;
    });
    const meanGap = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    expect(Math.abs(meanGap)).toBeLessThan(0.05);
  });

  it("at equal ability, firms missing visits get the percentile the others get, on average", () => {
    const biases = runs.map(({ programme, results, noVisits }) => {
      const scored = results.filter((r) => r.percentile !== null);
      const complete = scored.filter((r) => !noVisits.has(r.firmId));
      // Where a firm with visits of this ability stands, from the firms with visits.
      const line = linearRegression(complete.map((r) => [programme.ability.get(r.firmId)!, r.percentile!]));
      const missing = scored.filter((r) => noVisits.has(r.firmId));
      const gaps = missing.map((r) => r.percentile! - (line.m * programme.ability.get(r.firmId)! + line.b));
      return gaps.reduce((s, g) => s + g, 0) / gaps.length;
    });
    const meanBias = biases.reduce((s, b) => s + b, 0) / biases.length;
    expect(Math.abs(meanBias)).toBeLessThan(2);
  });

  it("would fail under the old rule: counting a missing component at the firm's own standing", () => {
    // Agreement 1 makes the expected standing the firm's own standing: the rule this replaced.
    const old = { ...DEFAULT_SCREENING_MODEL, thresholds: { ...DEFAULT_SCREENING_MODEL.thresholds, componentAgreement: 1 } };
    const gaps = runs.map(({ programme, noVisits }) => {
      const ranked = screen(programme.firms, old, { comparisonGroup: "cohort" }).filter((r) => r.total !== null);
      const top = ranked.slice(0, Math.round(ranked.length / 10));
      return top.filter((r) => noVisits.has(r.firmId)).length / top.length - noVisits.size / ranked.length;
    });
    expect(gaps.reduce((s, g) => s + g, 0) / gaps.length).toBeGreaterThan(0.05);
  });
});
