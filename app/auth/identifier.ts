/**
 * What a person typed to sign in: a phone number, an email or a username. Owners mostly use
 * their phone number, typed the way they say it ("0712 345 678" or "+254 712 345 678").
 */
export type Identifier =
  | { kind: "email"; value: string }
  | { kind: "phone"; value: string; local: boolean }
  | { kind: "username"; value: string };

export function parseIdentifier(raw: string): Identifier {
  const text = raw.trim();
  if (text.includes("@")) return { kind: "email", value: text.toLowerCase() };
  if (/^[+\d][\d\s\-().]*$/.test(text) && digitsOf(text).length >= 7) {
    const digits = digitsOf(text);
    // A leading 0 is the local trunk prefix: the number without it is the end of the full one.
    // "00" is the international prefix, like "+".
    if (text.startsWith("+") || digits.startsWith("00")) return { kind: "phone", value: digits.replace(/^00/, ""), local: false };
    return digits.startsWith("0") ? { kind: "phone", value: digits.slice(1), local: true } : { kind: "phone", value: digits, local: false };
  }
  return { kind: "username", value: text.toLowerCase() };
}

/** Phone numbers are stored as digits with the country code, e.g. 254712345678. */
export function normalisePhone(raw: string): string | null {
  const text = raw.trim();
  if (!/^\+?[\d\s\-().]+$/.test(text)) return null;
  const digits = digitsOf(text).replace(/^00/, "");
  if (digits.startsWith("0") || digits.length < 9 || digits.length > 15) return null;
  return digits;
}

export function normaliseUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

/** The key under which failed sign-ins are counted, the same however the identifier was typed. */
export function throttleKeyOf(identifier: Identifier): string {
  return `account:${identifier.kind}:${identifier.value}`;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}
