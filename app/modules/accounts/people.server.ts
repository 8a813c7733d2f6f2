import { parseIdentifier } from "~/auth/identifier";
import { db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";

/** The people of a programme with their roles there; trainers see only the owners. */
export async function programmePeople(programmeId: string, viewer: "manager" | "trainer") {
  const memberships = await db.membership.findMany({
    where: { programmeId, ...(viewer === "trainer" ? { role: "owner" } : {}) },
    select: {
      id: true,
      role: true,
      user: { select: { id: true, name: true, phone: true, username: true, email: true, deactivatedAt: true, passwordHash: true, firm: { select: { name: true } } } },
    },
    orderBy: [{ role: "asc" }, { user: { name: "asc" } }],
    take: 2000,
  });
  return memberships.map(({ id, role, user: { passwordHash, ...user } }) => ({ membershipId: id, role, ...user, hasAccount: Boolean(passwordHash) }));
}

/** The one person an identifier names, read as sign-in reads it; null when none or ambiguous. */
export async function findPersonByIdentifier(raw: string) {
  const identifier = parseIdentifier(raw);
  const select = { id: true, name: true } as const;
  switch (identifier.kind) {
    case "email":
      return db.user.findUnique({ where: { email: identifier.value }, select });
    case "username":
      return db.user.findUnique({ where: { username: identifier.value }, select });
    case "phone": {
      if (!identifier.local) return db.user.findUnique({ where: { phone: identifier.value }, select });
      const matches = await db.user.findMany({ where: { phone: { endsWith: identifier.value } }, select, take: 2 });
      return matches.length === 1 ? matches[0]! : null;
    }
  }
}

/** Gives an existing person the manager role in a programme (nothing changes if they hold it). */
export async function appointManager(programmeId: string, identifier: string, actorId: string): Promise<{ ok: true; name: string } | { ok: false; problem: "personUnknown" }> {
  const person = await findPersonByIdentifier(identifier);
  if (!person) return { ok: false, problem: "personUnknown" };
  await db.$transaction(async (tx) => {
    const key = { userId: person.id, programmeId, role: "manager" };
    const existing = await tx.membership.findUnique({ where: { userId_programmeId_role: key }, select: { id: true } });
    if (existing) return;
    const created = await tx.membership.create({ data: key, select: { id: true } });
    await recordAudit(tx, { actorId, programmeId, action: "membership.grant", entity: "Membership", entityId: created.id, after: key });
  });
  return { ok: true, name: person.name };
}

/** Takes a role in the programme away. The person's records (marks, visits, attempts) stay. */
export async function removeRole(programmeId: string, membershipId: string, actorId: string): Promise<{ ok: true; name: string; role: string } | { ok: false }> {
  const membership = await db.membership.findFirst({
    where: { id: membershipId, programmeId },
    select: { id: true, userId: true, role: true, user: { select: { name: true } } },
  });
  if (!membership) return { ok: false };
  await db.$transaction(async (tx) => {
    await tx.membership.delete({ where: { id: membership.id } });
    await recordAudit(tx, {
      actorId,
      programmeId,
      action: "membership.remove",
      entity: "Membership",
      entityId: membership.id,
      before: { userId: membership.userId, programmeId, role: membership.role },
    });
  });
  return { ok: true, name: membership.user.name, role: membership.role };
}

/**
 * Deactivates or reactivates a person. Deactivating ends every session and refuses sign-in;
 * nothing they recorded is removed.
 */
export async function setActive(userId: string, active: boolean, actorId: string): Promise<{ ok: true; name: string } | { ok: false }> {
  if (userId === actorId) return { ok: false };
  const person = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, deactivatedAt: true } });
  if (!person) return { ok: false };
  await db.$transaction(async (tx) => {
    const deactivatedAt = active ? null : (person.deactivatedAt ?? new Date());
    await tx.user.update({ where: { id: userId }, data: { deactivatedAt } });
    if (!active) await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      actorId,
      action: active ? "user.reactivate" : "user.deactivate",
      entity: "User",
      entityId: userId,
      before: { deactivatedAt: person.deactivatedAt },
      after: { deactivatedAt },
    });
  });
  return { ok: true, name: person.name };
}
