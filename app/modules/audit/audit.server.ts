import type { Db } from "~/db/db.server";

/** A transaction client or the client itself: audit events are written in the same transaction as the change. */
type Tx = Pick<Db, "auditEvent">;

export type AuditInput = {
  actorId: string | null;
  programmeId?: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

export async function recordAudit(tx: Tx, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      programmeId: event.programmeId ?? null,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    },
  });
}

/** Many events at once (a batch of decisions): one row each, written in one statement. */
export async function recordAudits(tx: Tx, events: readonly AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.auditEvent.createMany({
    data: events.map((event) => ({
      actorId: event.actorId,
      programmeId: event.programmeId ?? null,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    })),
  });
}
