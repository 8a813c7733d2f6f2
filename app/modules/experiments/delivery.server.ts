// Arms respected in delivery: a coaching visit to a firm whose experiment arm offers no visits is
// allowed only with the trainer's confirmation and a reason, recorded as non-compliance. The
// visit form calls these two functions and shows VisitArmWarning (components/experiments).
import { db } from "~/db/db.server";
import { deliveryCheck, recordVisitNonCompliance } from "./experiments.server";

export type VisitArmWarning = { armName: string } | null;

/** What the visit form warns about before the trainer starts: null when the arm offers visits. */
export async function visitArmWarning(programmeId: string, firmId: string): Promise<VisitArmWarning> {
  const arm = await deliveryCheck(db, programmeId, firmId);
  return arm && !arm.offersVisits ? { armName: arm.armName } : null;
}

const MIN_REASON = 10;

/**
 * Checks the confirmation on a submitted visit. `record` writes the non-compliance once the visit
 * is saved (by the visit's client id, so a replay records nothing twice).
 */
export async function checkVisitAgainstArm(
  programmeId: string,
  firmId: string,
  form: FormData,
): Promise<{ ok: true; record: (visitClientId: string, userId: string) => Promise<void> } | { ok: false; errors: Record<string, string[]>; fields: Record<string, string> }> {
  const arm = await deliveryCheck(db, programmeId, firmId);
  if (!arm || arm.offersVisits) return { ok: true, record: async () => {} };
  const reason = String(form.get("experimentReason") ?? "").trim().slice(0, 500);
  if (form.get("experimentConfirm") !== "yes" || reason.length < MIN_REASON) {
    const fields = Object.fromEntries([...form.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
    return { ok: false, errors: { experimentReason: ["experiments.visit.needConfirm"] }, fields };
  }
  return {
    ok: true,
    record: (visitClientId, userId) =>
      db.$transaction((tx) => recordVisitNonCompliance(tx, { experimentId: arm.experimentId, programmeId, firmId, visitClientId, reason, userId })),
  };
}
