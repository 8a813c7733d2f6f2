/**
 * Sign-in throttling, as pure rules over a small stored state. Two keys are kept per attempt:
 * the account identifier typed (so guessing one account's password is slowed whoever tries,
 * and unknown accounts behave like known ones) and the client address (so one address cannot
 * sweep many accounts). After a few free failures each further try must wait twice as long as
 * the one before; after many, the key is refused outright for a while.
 */
export type ThrottleState = {
  failures: number;
  firstFailureAt: Date;
  lastFailureAt: Date;
  lockedUntil: Date | null;
};

export type ThrottlePolicy = {
  /** Failures allowed without any wait. */
  freeFailures: number;
  /** Failures after which the key is locked. */
  lockAfter: number;
  lockMinutes: number;
  /** Failures older than this are forgotten (unless locked). */
  windowMinutes: number;
  /** Longest wait between tries before the lock. */
  maxDelaySeconds: number;
};

export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  lockAfter: 10,
  lockMinutes: 15,
  windowMinutes: 15,
  maxDelaySeconds: 60,
};

export const ADDRESS_POLICY: ThrottlePolicy = {
  // A training hall shares one address: a class of 40 owners mistyping must not lock each other out.
  freeFailures: 20,
  lockAfter: 100,
  lockMinutes: 15,
  windowMinutes: 15,
  maxDelaySeconds: 30,
};

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; locked: boolean };

const MINUTE = 60_000;

function isExpired(state: ThrottleState, now: Date, policy: ThrottlePolicy): boolean {
  if (state.lockedUntil) return state.lockedUntil <= now;
  return now.getTime() - state.lastFailureAt.getTime() > policy.windowMinutes * MINUTE;
}

/** Whether a key has failures that still count (within the window, or locked). */
export function hasRecentFailures(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): boolean {
  return state !== null && !isExpired(state, now, policy);
}

export function assess(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleVerdict {
  if (!state || isExpired(state, now, policy)) return { allowed: true };
  if (state.lockedUntil) {
    return {
      allowed: false,
      locked: true,
      retryAfterSeconds: Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000),
    };
  }
  const delay = delaySeconds(state.failures, policy);
  const readyAt = state.lastFailureAt.getTime() + delay * 1000;
  if (now.getTime() < readyAt) {
    return { allowed: false, locked: false, retryAfterSeconds: Math.ceil((readyAt - now.getTime()) / 1000) };
  }
  return { allowed: true };
}

/** Seconds to wait after `failures` failures: 0 while free, then 1, 2, 4 ... up to the cap. */
export function delaySeconds(failures: number, policy: ThrottlePolicy): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  return Math.min(2 ** (over - 1), policy.maxDelaySeconds);
}

export function recordFailure(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleState {
  const fresh = !state || isExpired(state, now, policy);
  const failures = fresh ? 1 : state.failures + 1;
  return {
    failures,
    firstFailureAt: fresh ? now : state.firstFailureAt,
    lastFailureAt: now,
    lockedUntil: failures >= policy.lockAfter ? new Date(now.getTime() + policy.lockMinutes * MINUTE) : null,
  };
}

/**
 * Codes typed at /join and /reset (invitation and reset codes) are throttled like sign-in, by
 * the client address and by the code typed, so that one phone cannot sweep the code space and
 * one leaked code cannot be tried against many phones. The counters live in the same table as
 * sign-in's, under their own key prefixes.
 */
export type CodeForm = "join" | "reset";

export const CODE_ADDRESS_POLICY: ThrottlePolicy = {
  // A trainer may sit with a class in one hall, helping each owner type their code.
  freeFailures: 20,
  lockAfter: 60,
  lockMinutes: 15,
  windowMinutes: 15,
  maxDelaySeconds: 30,
};

export const CODE_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  lockAfter: 10,
  lockMinutes: 15,
  windowMinutes: 15,
  maxDelaySeconds: 60,
};

/** The two counters a code attempt is checked against, with the policy of each. */
export function codeThrottleKeys(form: CodeForm, clientAddress: string, normalisedCode: string): { key: string; policy: ThrottlePolicy }[] {
  return [
    { key: `${form}:address:${clientAddress}`, policy: CODE_ADDRESS_POLICY },
    { key: `${form}:code:${normalisedCode}`, policy: CODE_POLICY },
  ];
}
