/**
 * Invitation codes are read aloud and typed on small phones: 8 characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z), shown as two groups of four. About 10^11
 * combinations; codes expire and can be used once.
 */
const ALPHABET = "34679ABCDEFGHJKMNPQRTUVWXY";

export function generateInvitationCode(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(8);
  let code = "";
  for (const byte of bytes) code += ALPHABET[byte % ALPHABET.length];
  return code;
}

/** "kz7p m4qd", "KZ7P-M4QD" and "kz7pm4qd" are the same code. */
export function normaliseInvitationCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s\-_.]/g, "");
}

export function formatInvitationCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function randomBytes(n: number): Uint8Array {
  // 256 is not a multiple of the alphabet's size: draw from the largest multiple to stay uniform.
  const limit = 256 - (256 % ALPHABET.length);
  const out = new Uint8Array(n);
  let filled = 0;
  while (filled < n) {
    const batch = crypto.getRandomValues(new Uint8Array(n * 2));
    for (const byte of batch) if (byte < limit && filled < n) out[filled++] = byte;
  }
  return out;
}
