// The randomised evaluation's analysis on 2,000 firms with 2,000 randomisation draws: balance,
// flow, three outcomes x three arms (ITT with stratum fixed effects and HC2, take-up, Wald,
// heterogeneity) and randomisation inference. Pure computation, as the results page runs it.
import { analyse, type ArmFacts, type FirmFacts } from "../../app/modules/experiments/analysis";
import { assign, seededRandom } from "../../app/modules/experiments/assignment";

export function benchExperimentAnalysis(firmCount = 2000, draws = 2000) {
  const random = seededRandom(15);
  const normal = () => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  const arms: ArmFacts[] = [
    { id: "classes", name: "Classroom", offersClasses: true, offersVisits: false, ratio: 1 },
    { id: "visits", name: "On-site", offersClasses: false, offersVisits: true, ratio: 1 },
    { id: "both", name: "Both", offersClasses: true, offersVisits: true, ratio: 1 },
    { id: "control", name: "Control", offersClasses: false, offersVisits: false, ratio: 1 },
  ];
  const roster = Array.from({ length: firmCount }, (_, i) => ({
    id: `f${String(i).padStart(5, "0")}`,
    cluster: `cluster-${i % 6}`,
    sector: i % 3 === 0 ? "garment" : "metalwork",
    workers: 1 + Math.floor(random() * 15),
    practice: random() * 0.5,
  }));
  const { assignments } = assign(roster, arms.map((a) => ({ key: a.id, ratio: a.ratio })), ["cluster", "sector", "size"], 42);
  const byId = new Map(roster.map((r) => [r.id, r]));
  const firms: FirmFacts[] = assignments.map((a) => {
    const r = byId.get(a.firmId)!;
    const treated = a.arm !== "control";
    const followedUp = random() < 0.85;
    return {
      id: a.firmId,
      name: a.firmId,
      armId: a.arm,
      stratum: a.stratum,
      late: false,
      tookUp: treated && random() < 0.8,
      followedUp,
      covariates: { workers: r.workers, years: 2 + Math.floor(random() * 20), sales: 1000 + random() * 4000, practice: r.practice },
      outcomes: {
        salesGrowth: followedUp ? (treated ? 0.08 : 0) + 0.3 * normal() : null,
        workersGrowth: followedUp ? (treated ? 0.3 : 0) + normal() : null,
        practice: followedUp ? Math.min(1, Math.max(0, r.practice + (treated ? 0.12 : 0.02) + 0.1 * normal())) : null,
      },
      baselineScore: r.practice,
    };
  });
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const result = analyse(arms, firms, { draws, seed: 7 });
    times.push(performance.now() - started);
    if (!result.ok) throw new Error(result.reason);
  }
  times.sort((a, b) => a - b);
  return { firms: firmCount, draws, strata: new Set(firms.map((f) => f.stratum)).size, median: times[1]!, fastest: times[0]! };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchExperimentAnalysis();
  console.log(`Experiment analysis, ${r.firms} firms in ${r.strata} strata, 4 arms, ${r.draws} randomisation draws: median ${(r.median / 1000).toFixed(2)} s · fastest ${(r.fastest / 1000).toFixed(2)} s`);
}
