// Every write that changes what the screening knows about a firm raises the firm's
// evidenceVersion, in the same transaction as the write. The screening keeps each firm's gathered
// evidence (screening/evidence-store.server.ts) only while the version it was gathered at is the
// firm's current one, so a forgotten call here means a stale score: every writer of marks,
// attempts, visits, enrolments and owner accounts calls it, and tests/integration/
// screening-evidence-store.test.ts checks each of them.
import type { Db } from "~/db/db.server";

type Writer = Pick<Db, "firm">;

export type EvidenceScope =
  /** The firms themselves (a visit, an enrolment, an owner linked). */
  | { readonly firmIds: readonly string[] }
  /** Every firm enrolled in the session's cohort: a roll-call changes which sessions count as held for all of them. */
  | { readonly sessionId: string }
  /** The firms of these people (a quiz attempt). */
  | { readonly userIds: readonly string[] };

export async function evidenceChanged(tx: Writer, scope: EvidenceScope): Promise<void> {
  const where =
    "firmIds" in scope
      ? { id: { in: [...new Set(scope.firmIds)] } }
      : "sessionId" in scope
        ? { enrolments: { some: { cohort: { classSessions: { some: { id: scope.sessionId } } } } } }
        : { owners: { some: { id: { in: [...new Set(scope.userIds)] } } } };
  if ("firmIds" in scope && scope.firmIds.length === 0) return;
  if ("userIds" in scope && scope.userIds.length === 0) return;
  await tx.firm.updateMany({ where, data: { evidenceVersion: { increment: 1 } } });
}
