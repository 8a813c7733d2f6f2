/**
 * Where a person may be sent after signing in or changing language: a path on this site, never
 * another site. Browsers forgive a lot in a Location header (they drop tabs and newlines, read
 * "\" as "/", decode some escapes), so anything a browser could read as another origin is
 * refused: a value must be a plain path that still means the same path once decoded, with no
 * control characters or backslashes. A refused value sends the person to `fallback`, never a 500.
 */
const MAX_LENGTH = 2048;

function isPlainPath(value: string): boolean {
  if (!value.startsWith("/") || value.startsWith("//")) return false;
  // Control characters (C0, DEL, C1), backslashes and whitespace other than a plain space.
  if (/[\u0000-\u001f\u007f-\u009f\\\u2028\u2029]/.test(value)) return false;
  return true;
}

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH)
    return fallback;
  if (!isPlainPath(to)) return fallback;
  // An encoded "/", "\" or control character is refused too: one layer of decoding must still
  // leave a plain path (a second proxy or a browser may decode it).
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  if (!isPlainPath(decoded)) return fallback;
  const base = "http://kaizen.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}
