// What a member of staff typed into the search box, read as a name or as a phone number. Pure.

export type SearchQuery = { readonly kind: "text"; readonly text: string } | { readonly kind: "phone"; readonly digits: string };

export const SEARCH_MAX_LENGTH = 80;
/** At most this many firms are shown; more means "type more". */
export const SEARCH_LIMIT = 30;

/**
 * A phone number is matched on its digits however it is written: "+254 722 000 001",
 * "0722-000-001" and "722000001" all find 254722000001. A leading 00 or 0 (international or
 * trunk prefix) is dropped, as sign-in drops it. Anything else is part of a name, matched without
 * regard to case. Too short to be useful: null.
 */
export function parseSearch(raw: string | null | undefined): SearchQuery | null {
  const text = (raw ?? "").trim().slice(0, SEARCH_MAX_LENGTH);
  if (/^\+?[\d\s\-().]+$/.test(text)) {
    const digits = text.replace(/\D/g, "").replace(/^00/, "").replace(/^0/, "");
    return digits.length >= 3 ? { kind: "phone", digits } : null;
  }
  const lowered = text.toLowerCase().replace(/\s+/g, " ");
  return lowered.length >= 2 ? { kind: "text", text: lowered } : null;
}

/** A LIKE pattern that finds the text anywhere, with the text's own % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
