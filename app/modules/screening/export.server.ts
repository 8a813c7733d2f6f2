// The ranked list and the decisions as tables, for CSV and Excel. Column names are in English
// (stable for formulas and re-imports); firm names stay as written.
import type { Db } from "~/db/db.server";
import { matches, type ListFilters } from "./list";
import { COMPONENT_KEYS } from "./model";
import { runScreening, standingDecisions, type ComparisonGroup } from "./screening.server";
import type { Table } from "./tabular";

const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export async function exportTables(db: Db, programmeId: string, group: ComparisonGroup, filters: ListFilters): Promise<Table[]> {
  const [run, decisions, history] = await Promise.all([
    runScreening(db, programmeId, group),
    standingDecisions(db, programmeId),
    db.selection.findMany({
      where: { programmeId },
      orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
      select: { firmId: true, decision: true, reason: true, againstRanking: true, modelVersion: true, decidedAt: true, scoreSnapshot: true, firm: { select: { name: true } }, decidedBy: { select: { name: true } } },
    }),
  ]);
  const shown = run.results.filter((r) => matches(run.facts.get(r.firmId), filters));
  const ranking: Table = {
    name: "Ranking",
    header: [
      "rank",
      "firm_id",
      "firm",
      "cohort",
      "cluster",
      "country",
      "sector",
      "score",
      "percentile",
      "rank_in_group",
      "group_size",
      ...COMPONENT_KEYS.flatMap((k) => [`${k}_raw`, `${k}_percentile`, `${k}_contribution`]),
      "eligible",
      "eligibility_reasons",
      "confidence",
      "insufficient_evidence",
      "decision",
      "decision_against_ranking",
      "model_version",
    ],
    rows: shown.map((r, i) => {
      const f = run.facts.get(r.firmId)!;
      const d = decisions.get(r.firmId);
      return [
        i + 1,
        r.firmId,
        f.name,
        f.cohortName,
        f.clusterName,
        f.country,
        f.sector,
        round(r.total),
        round(r.percentile),
        r.rank,
        r.comparisonGroup.size,
        ...COMPONENT_KEYS.flatMap((k) => [round(r.components[k].raw), round(r.components[k].standardised), round(r.components[k].contribution)]),
        r.eligibility.eligible,
        r.eligibility.reasons.join(" "),
        r.confidence.level,
        r.confidence.insufficient.join(" "),
        d?.decision ?? "",
        d ? d.againstRanking : null,
        run.model.version,
      ];
    }),
  };
  const decisionTable: Table = {
    name: "Decisions",
    header: ["decided_at", "firm_id", "firm", "decision", "against_ranking", "reason", "score_at_decision", "model_version", "decided_by"],
    rows: history.map((h) => {
      let total: number | null = null;
      try {
        total = (JSON.parse(h.scoreSnapshot) as { total: number | null }).total;
      } catch {}
      return [h.decidedAt, h.firmId, h.firm.name, h.decision, h.againstRanking, h.reason, round(total), h.modelVersion, h.decidedBy.name];
    }),
  };
  return [ranking, decisionTable];
}
