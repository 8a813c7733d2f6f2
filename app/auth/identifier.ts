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

/**
 * Digits of a national phone number in every country this app serves (Kenya, Tanzania, Ethiopia,
 * Ghana, Vietnam's mobiles): a number's last nine digits are the same however it was typed.
 */
export const NATIONAL_DIGITS = 9;

/**
 * The key under which failed sign-ins are counted, the same however the identifier was typed:
 * "+254 722 000 002", "0722 000 002", "04722000002" and "054722000002" all find one account
 * (a local number matches the end of the full one), so they are one counter. It depends only on
 * what was typed, never on whether the account exists, so throttling behaves alike for both.
 */
export function throttleKeyOf(identifier: Identifier): string {
  if (identifier.kind === "phone") return `account:phone:${identifier.value.slice(-NATIONAL_DIGITS)}`;
  return `account:${identifier.kind}:${identifier.value}`;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}
