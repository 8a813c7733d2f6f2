// Deciding for the top N firms of a class or comparison group in one step: one screening run for
// the whole batch, then every firm's decision stored on its own with its snapshot, the model
// version and one audit row each, in one transaction.
import { randomUUID } from "node:crypto";
import type { Db } from "~/db/db.server";
import { recordAudits } from "~/modules/audit/audit.server";
import { groupOf, planBulk, type BulkDecision, type BulkScope } from "./bulk-selection";
import { runScreening } from "./screening.server";
import { snapshotOf, type Decision } from "./selection";

export type BulkOutcome =
  | { ok: true; decided: { firmId: string; total: number | null; rank: number | null; againstRanking: boolean }[]; skipped: number; modelVersion: number }
  | { ok: false; problem: "empty" };

export async function decideTop(
  db: Db,
  input: { programmeId: string; scope: BulkScope; count: number; decision: BulkDecision; reason: string; userId: string },
  now = new Date(),
): Promise<BulkOutcome> {
  const [run, standing] = await Promise.all([runScreening(db, input.programmeId, groupOf(input.scope), now), latestDecisions(db, input.programmeId)]);
  const plan = planBulk(
    run.results,
    input.scope,
    input.count,
    input.decision,
    new Map([...standing].map(([firmId, d]) => [firmId, d.decision as Decision])),
  );
  if (plan.picked.length === 0) return { ok: false, problem: "empty" };
  const reason = input.reason.trim();
  const rows = plan.writes.map(({ result, against }) => ({
    id: randomUUID(),
    programmeId: input.programmeId,
    firmId: result.firmId,
    decision: input.decision,
    reason,
    againstRanking: against.length > 0,
    scoreSnapshot: JSON.stringify(snapshotOf(result)),
    modelVersion: run.model.version,
    decidedById: input.userId,
    decidedAt: now,
  }));
  if (rows.length > 0) {
    await db.$transaction(
      async (tx) => {
        await tx.selection.createMany({ data: rows });
        await recordAudits(
          tx,
          plan.writes.map(({ result, against }, i) => {
            const previous = standing.get(result.firmId);
            return {
              actorId: input.userId,
              programmeId: input.programmeId,
              action: "screening.decide.bulk",
              entity: "Selection",
              entityId: rows[i]!.id,
              before: previous ? { decision: previous.decision, reason: previous.reason, modelVersion: previous.modelVersion } : undefined,
              after: { firmId: result.firmId, decision: input.decision, reason, againstRanking: against, modelVersion: run.model.version, total: result.total },
            };
          }),
        );
      },
      { timeout: 60_000 },
    );
  }
  return {
    ok: true,
    decided: plan.writes.map(({ result, against }) => ({ firmId: result.firmId, total: result.total, rank: result.rank, againstRanking: against.length > 0 })),
    skipped: plan.skipped,
    modelVersion: run.model.version,
  };
}

/** The latest decision per firm, without the snapshots (a batch does not read them). */
async function latestDecisions(db: Db, programmeId: string) {
  const rows = await db.selection.findMany({
    where: { programmeId },
    orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
    select: { firmId: true, decision: true, reason: true, modelVersion: true },
  });
  return new Map(rows.map((r) => [r.firmId, r]));
}
