// Calibration figures for npm run bench: fitting the weights on 2,000 followed-up firms (5 folds,
// 8 penalties, 1,000 bootstrap replicates for each of the 8 figures), from their standings.
import { calibrate } from "../../app/modules/screening/calibration";
import { componentStandings } from "../../app/modules/screening/engine";
import { makeSyntheticProgramme } from "../../app/modules/screening/engine.bench-data";
import { DEFAULT_SCREENING_MODEL } from "../../app/modules/screening/model";

export function benchCalibration(n = 2000) {
  const programme = makeSyntheticProgramme(n, 77, { withoutVisits: 0.2 });
  const firms = () => {
    const standings = componentStandings(programme.firms, DEFAULT_SCREENING_MODEL.thresholds, { comparisonGroup: "cohort" });
    return standings.map((standing) => ({ standing, growth: programme.ability.get(standing.firmId)! + (standing.percentiles[3] ?? 50) / 50 }));
  };
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    const result = calibrate(firms(), DEFAULT_SCREENING_MODEL);
    times.push(performance.now() - start);
    if (!result.ok) throw new Error("calibration refused");
  }
  times.sort((a, b) => a - b);
  return { n, median: times[2]!, fastest: times[0]! };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = benchCalibration();
  console.log(`Calibration on ${c.n.toLocaleString("en")} followed-up firms: median ${c.median.toFixed(0)} ms · fastest ${c.fastest.toFixed(0)} ms`);
}
