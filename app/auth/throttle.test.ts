import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, assess, CODE_POLICY, codeThrottleKeys, delaySeconds, recordFailure, type ThrottleState } from "./throttle";

const policy = ACCOUNT_POLICY;
const t0 = new Date("2026-03-01T08:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function failTimes(count: number, everySeconds = 0): ThrottleState {
  let state: ThrottleState | null = null;
  for (let i = 0; i < count; i++) state = recordFailure(state, at(i * everySeconds), policy);
  return state!;
}

describe("sign-in throttle", () => {
  it("lets the first free failures through without waiting", () => {
    expect(assess(failTimes(policy.freeFailures), at(0), policy)).toEqual({ allowed: true });
  });

  it("then asks for a wait that doubles with each failure", () => {
    expect(delaySeconds(policy.freeFailures + 1, policy)).toBe(1);
    expect(delaySeconds(policy.freeFailures + 2, policy)).toBe(2);
    expect(delaySeconds(policy.freeFailures + 3, policy)).toBe(4);
    const state = failTimes(policy.freeFailures + 3);
    expect(assess(state, at(1), policy)).toEqual({ allowed: false, locked: false, retryAfterSeconds: 3 });
    expect(assess(state, at(4), policy)).toEqual({ allowed: true });
  });

  it("never asks for more than the longest wait before the lock", () => {
    expect(delaySeconds(policy.lockAfter - 1, policy)).toBeLessThanOrEqual(policy.maxDelaySeconds);
  });

  it("locks the key after many failures, for the lock time", () => {
    const state = failTimes(policy.lockAfter, 61);
    const lastAt = (policy.lockAfter - 1) * 61;
    const verdict = assess(state, at(lastAt + 60), policy);
    expect(verdict).toEqual({ allowed: false, locked: true, retryAfterSeconds: policy.lockMinutes * 60 - 60 });
    expect(assess(state, at(lastAt + policy.lockMinutes * 60), policy)).toEqual({ allowed: true });
  });

  it("forgets failures older than the window", () => {
    const state = failTimes(policy.freeFailures + 2);
    const later = at(policy.windowMinutes * 60 + 10);
    expect(assess(state, later, policy)).toEqual({ allowed: true });
    expect(recordFailure(state, later, policy).failures).toBe(1);
  });
});

describe("code throttle keys", () => {
  it("count a form's tries by address and by code, apart from sign-in and from the other form", () => {
    const join = codeThrottleKeys("join", "10.0.0.1", "KZ7PM4QD");
    const reset = codeThrottleKeys("reset", "10.0.0.1", "KZ7PM4QD");
    expect(join.map((k) => k.key)).toEqual(["join:address:10.0.0.1", "join:code:KZ7PM4QD"]);
    expect(reset.map((k) => k.key)).toEqual(["reset:address:10.0.0.1", "reset:code:KZ7PM4QD"]);
    expect(join.every((k) => !k.key.startsWith("account:") && !k.key.startsWith("address:"))).toBe(true);
  });

  it("refuse one code after a few wrong tries, while the address may try many more", () => {
    const [address, code] = codeThrottleKeys("reset", "a", "b");
    let state: ThrottleState | null = null;
    for (let i = 0; i < CODE_POLICY.lockAfter; i++) state = recordFailure(state, at(i * 61), code!.policy);
    expect(assess(state, at(CODE_POLICY.lockAfter * 61), code!.policy).allowed).toBe(false);
    expect(address!.policy.lockAfter).toBeGreaterThan(code!.policy.lockAfter);
  });
});
