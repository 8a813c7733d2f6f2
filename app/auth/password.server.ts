import { hash, verify } from "@node-rs/argon2";

// argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): about 20-40 ms on a small server,
// slow enough for offline guessing, quick enough for a class of owners signing in at once.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A valid hash of a random password: verifying against it costs what a real check costs. */
let decoy: Promise<string> | undefined;

/**
 * Checks a password. With no stored hash (unknown account) it still spends the time of a real
 * check, so the answer time does not tell which phone numbers have an account.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    decoy ??= hash(crypto.randomUUID(), OPTIONS);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
