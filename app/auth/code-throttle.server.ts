import { db } from "~/db/db.server";
import { assess, codeThrottleKeys, recordFailure, type CodeForm, type ThrottleVerdict } from "./throttle";

/** Whether a code may be tried now from this address; the first counter that refuses answers. */
export async function checkCodeThrottle(form: CodeForm, clientAddress: string, code: string): Promise<ThrottleVerdict> {
  const now = new Date();
  for (const { key, policy } of codeThrottleKeys(form, clientAddress, code)) {
    const state = await db.signInThrottle.findUnique({ where: { key } });
    const verdict = assess(state, now, policy);
    if (!verdict.allowed) return verdict;
  }
  return { allowed: true };
}

/** A refused code counts against the address and against the code typed. */
export async function recordCodeFailure(form: CodeForm, clientAddress: string, code: string): Promise<void> {
  const now = new Date();
  for (const { key, policy } of codeThrottleKeys(form, clientAddress, code)) {
    const state = await db.signInThrottle.findUnique({ where: { key } });
    const next = recordFailure(state, now, policy);
    await db.signInThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
  }
}
