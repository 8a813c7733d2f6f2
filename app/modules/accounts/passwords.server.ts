import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { checkCodeThrottle, recordCodeFailure } from "~/auth/code-throttle.server";
import { parseIdentifier } from "~/auth/identifier";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import type { SessionUser } from "~/auth/roles";
import { db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateInvitationCode, normaliseInvitationCode } from "~/modules/people/invitation-code";

/** Reset codes: the invitation codes' alphabet (readable over the phone), valid 72 hours, used once. */
export const RESET_VALID_HOURS = 72;

function hashCode(code: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseInvitationCode(code))));
}

/**
 * Through which programme `actor` may issue a reset code for `target`, or "admin", or null when
 * they may not. Staff (admins, managers, trainers) are reset by an admin only; an owner by a
 * manager or trainer of a programme the owner is in.
 */
export async function resetAuthority(actor: SessionUser, targetId: string): Promise<{ programmeId: string | null } | null> {
  if (actor.isAdmin) return { programmeId: null };
  const target = await db.user.findUnique({
    where: { id: targetId },
    select: { isAdmin: true, memberships: { select: { programmeId: true, role: true } } },
  });
  if (!target || target.isAdmin || target.memberships.some((m) => m.role !== "owner")) return null;
  const staffIn = new Set(actor.memberships.filter((m) => m.role === "manager" || m.role === "trainer").map((m) => m.programmeId));
  const shared = target.memberships.find((m) => staffIn.has(m.programmeId));
  return shared ? { programmeId: shared.programmeId } : null;
}

export type IssuedReset = { ok: true; code: string; expiresAt: Date; name: string } | { ok: false; problem: "forbidden" | "notFound" };

/**
 * A new one-time code for `targetId`. The code is returned once and only its hash is kept. The
 * same form sent twice (`clientKey`) keeps one code row: it gets a fresh code, which is the one
 * the issuer sees, since a browser shows only the last answer.
 */
export async function issueResetCode(actor: SessionUser, targetId: string, clientKey: string): Promise<IssuedReset> {
  const target = await db.user.findUnique({ where: { id: targetId }, select: { id: true, name: true, deactivatedAt: true } });
  if (!target || target.deactivatedAt) return { ok: false, problem: "notFound" };
  const authority = await resetAuthority(actor, targetId);
  if (!authority) return { ok: false, problem: "forbidden" };
  const code = generateInvitationCode();
  const expiresAt = new Date(Date.now() + RESET_VALID_HOURS * 3_600_000);
  await db.$transaction(async (tx) => {
    const again = await tx.passwordReset.findUnique({ where: { clientKey }, select: { id: true, userId: true, issuedById: true, usedAt: true } });
    if (again && again.userId === targetId && again.issuedById === actor.id && !again.usedAt) {
      await tx.passwordReset.update({ where: { id: again.id }, data: { codeHash: hashCode(code), expiresAt } });
      return;
    }
    const created = await tx.passwordReset.create({
      // A reused key from another form gets a fresh one: the key only guards against double taps.
      data: { userId: targetId, codeHash: hashCode(code), clientKey: again ? crypto.randomUUID() : clientKey, issuedById: actor.id, programmeId: authority.programmeId, expiresAt },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      programmeId: authority.programmeId,
      action: "passwordReset.issue",
      entity: "User",
      entityId: targetId,
      after: { resetId: created.id, expiresAt },
    });
  });
  return { ok: true, code, expiresAt, name: target.name };
}

export type UsedReset =
  | { ok: true; userId: string }
  | { ok: false; problem: "codeRefused" }
  | { ok: false; problem: "throttled"; retryAfterSeconds: number };

function identifies(typed: string, user: { phone: string | null; username: string | null; email: string | null }): boolean {
  const identifier = parseIdentifier(typed);
  switch (identifier.kind) {
    case "email":
      return user.email === identifier.value;
    case "username":
      return user.username === identifier.value;
    case "phone":
      return Boolean(user.phone && (identifier.local ? user.phone.endsWith(identifier.value) : user.phone === identifier.value));
  }
}

/**
 * Sets a new password with a reset code. Every refusal (unknown, used, expired code, a code for
 * someone else, a deactivated account) is the same answer, so the form tells nobody which phones
 * have accounts or which codes exist. On success every session of the person ends.
 */
export async function resetPassword(input: { identifier: string; code: string; password: string; clientAddress: string }): Promise<UsedReset> {
  const code = normaliseInvitationCode(input.code);
  const verdict = await checkCodeThrottle("reset", input.clientAddress, code);
  if (!verdict.allowed) return { ok: false, problem: "throttled", retryAfterSeconds: verdict.retryAfterSeconds };
  const reset = await db.passwordReset.findUnique({
    where: { codeHash: hashCode(code) },
    select: { id: true, userId: true, programmeId: true, expiresAt: true, usedAt: true, user: { select: { phone: true, username: true, email: true, deactivatedAt: true } } },
  });
  const usable = reset && !reset.usedAt && reset.expiresAt > new Date() && !reset.user.deactivatedAt && identifies(input.identifier, reset.user);
  if (!usable) {
    await recordCodeFailure("reset", input.clientAddress, code);
    return { ok: false, problem: "codeRefused" };
  }
  const passwordHash = await hashPassword(input.password);
  const done = await db.$transaction(async (tx) => {
    // Claim the code first: of two uses at once, only one gets past this line.
    const claimed = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) return false;
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    const ended = await tx.session.deleteMany({ where: { userId: reset.userId } });
    await recordAudit(tx, {
      actorId: reset.userId,
      programmeId: reset.programmeId,
      action: "passwordReset.use",
      entity: "User",
      entityId: reset.userId,
      after: { resetId: reset.id, sessionsEnded: ended.count },
    });
    return true;
  });
  if (!done) {
    await recordCodeFailure("reset", input.clientAddress, code);
    return { ok: false, problem: "codeRefused" };
  }
  return { ok: true, userId: reset.userId };
}

/** Changes one's own password; every other session of the person ends, this one stays. */
export async function changePassword(input: { userId: string; sessionId: string; current: string; next: string }): Promise<{ ok: true; sessionsEnded: number } | { ok: false; problem: "currentWrong" }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.current))) return { ok: false, problem: "currentWrong" };
  const passwordHash = await hashPassword(input.next);
  const sessionsEnded = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: input.userId }, data: { passwordHash } });
    const { count } = await tx.session.deleteMany({ where: { userId: input.userId, id: { not: input.sessionId } } });
    await recordAudit(tx, { actorId: input.userId, action: "password.change", entity: "User", entityId: input.userId, after: { sessionsEnded: count } });
    return count;
  });
  return { ok: true, sessionsEnded };
}
