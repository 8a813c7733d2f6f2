import { db } from "~/db/db.server";
import { NATIONAL_DIGITS, parseIdentifier, throttleKeyOf, type Identifier } from "./identifier";
import { verifyPassword } from "./password.server";
import { createSession } from "./session.server";
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  assess,
  hasRecentFailures,
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
      // Shorter than a national number, it is not a whole number (and would escape its throttle key).
      if (identifier.value.length < NATIONAL_DIGITS) return null;
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
 * against the account (however its identifier was typed) and the client address; a right one
 * clears the account's count.
 *
 * A training hall shares one address: when the address is being slowed, an account that has no
 * failures of its own still has its password checked, and a right one signs in. A wrong one
 * counts against that account too and is answered as throttled, so one address still cannot
 * try more than one password per account while it is slowed.
 */
export async function signIn(input: { identifier: string; password: string; clientAddress: string }): Promise<SignInResult> {
  const identifier = parseIdentifier(input.identifier);
  const accountKey = throttleKeyOf(identifier);
  const addressKey = `address:${input.clientAddress}`;
  const now = new Date();
  const [accountState, addressState] = await Promise.all([readThrottle(accountKey), readThrottle(addressKey)]);
  const accountVerdict = assess(accountState, now, ACCOUNT_POLICY);
  if (!accountVerdict.allowed) return throttled(accountVerdict);
  const addressVerdict = assess(addressState, now, ADDRESS_POLICY);
  const accountClean = !hasRecentFailures(accountState, now, ACCOUNT_POLICY);
  if (!addressVerdict.allowed && !accountClean) return throttled(addressVerdict);

  const user = await findUserId(identifier);
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid) {
    await writeFailure(accountKey, accountState, now, ACCOUNT_POLICY);
    await writeFailure(addressKey, addressState, now, ADDRESS_POLICY);
    return addressVerdict.allowed ? { ok: false, reason: "invalid" } : throttled(addressVerdict);
  }
  if (accountState) await db.signInThrottle.deleteMany({ where: { key: accountKey } });
  // Told only to whoever knows the password: a deactivated account is no secret to its owner.
  if (user.deactivatedAt) return { ok: false, reason: "deactivated" };
  const session = await createSession(user.id);
  return { ok: true, userId: user.id, ...session };
}

function throttled(verdict: { retryAfterSeconds: number; locked: boolean }): SignInResult {
  return { ok: false, reason: "throttled", retryAfterSeconds: verdict.retryAfterSeconds, locked: verdict.locked };
}

/** The address the request came from, as server.js saw it. */
export function clientAddressOf(request: Request): string {
  return request.headers.get("x-kaizen-client-address") ?? "unknown";
}
