import { db } from "~/db/db.server";
import { parseIdentifier, throttleKeyOf, type Identifier } from "./identifier";
import { verifyPassword } from "./password.server";
import { createSession } from "./session.server";
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  assess,
  recordFailure,
  type ThrottlePolicy,
  type ThrottleState,
} from "./throttle";

export type SignInResult =
  | { ok: true; userId: string; token: string; expiresAt: Date }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "deactivated" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number; locked: boolean };

async function findUserId(identifier: Identifier): Promise<{ id: string; passwordHash: string | null; deactivatedAt: Date | null } | null> {
  const select = { id: true, passwordHash: true, deactivatedAt: true } as const;
  switch (identifier.kind) {
    case "email":
      return db.user.findUnique({ where: { email: identifier.value }, select });
    case "username":
      return db.user.findUnique({ where: { username: identifier.value }, select });
    case "phone": {
      if (!identifier.local) return db.user.findUnique({ where: { phone: identifier.value }, select });
      // A local number matches the end of a full one; two matches means we cannot tell whose.
      const matches = await db.user.findMany({ where: { phone: { endsWith: identifier.value } }, select, take: 2 });
      return matches.length === 1 ? matches[0]! : null;
    }
  }
}

async function readThrottle(key: string): Promise<ThrottleState | null> {
  return db.signInThrottle.findUnique({ where: { key }, select: { failures: true, firstFailureAt: true, lastFailureAt: true, lockedUntil: true } });
}

async function writeFailure(key: string, state: ThrottleState | null, now: Date, policy: ThrottlePolicy) {
  const next = recordFailure(state, now, policy);
  await db.signInThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
}

/**
 * Checks a sign-in attempt against both throttles, then the password. A wrong password counts
 * against the typed identifier and the client address; a right one clears the identifier's count.
 */
export async function signIn(input: { identifier: string; password: string; clientAddress: string }): Promise<SignInResult> {
  const identifier = parseIdentifier(input.identifier);
  const accountKey = throttleKeyOf(identifier);
  const addressKey = `address:${input.clientAddress}`;
  const now = new Date();
  const [accountState, addressState] = await Promise.all([readThrottle(accountKey), readThrottle(addressKey)]);
  for (const verdict of [assess(accountState, now, ACCOUNT_POLICY), assess(addressState, now, ADDRESS_POLICY)]) {
    if (!verdict.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: verdict.retryAfterSeconds, locked: verdict.locked };
  }

  const user = await findUserId(identifier);
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid) {
    await writeFailure(accountKey, accountState, now, ACCOUNT_POLICY);
    await writeFailure(addressKey, addressState, now, ADDRESS_POLICY);
    return { ok: false, reason: "invalid" };
  }
  if (accountState) await db.signInThrottle.deleteMany({ where: { key: accountKey } });
  // Told only to whoever knows the password: a deactivated account is no secret to its owner.
  if (user.deactivatedAt) return { ok: false, reason: "deactivated" };
  const session = await createSession(user.id);
  return { ok: true, userId: user.id, ...session };
}

/** The address the request came from, as server.js saw it. */
export function clientAddressOf(request: Request): string {
  return request.headers.get("x-kaizen-client-address") ?? "unknown";
}
