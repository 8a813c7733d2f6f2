import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/**
 * The session token and what the database keeps of it (docs/decisions/0002): the cookie holds a
 * random token; the database holds only its SHA-256, so a leaked table lets no one in. Pure, so
 * the browser tests' fixtures make sessions exactly as the app does.
 */
export const SESSION_COOKIE = "kaizen_session";

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
