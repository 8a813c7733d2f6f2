/**
 * How much a request may carry, and whether it came from this site. Pure rules; the root
 * middleware (app/http/request-guard.server.ts) applies them before any action reads a body, so
 * an oversized upload is refused from its Content-Length alone and never held in memory.
 */
const KB = 1024;
const MB = 1024 * KB;

/** A page form: text fields only. */
export const PAGE_FORM_BYTES = 256 * KB;
/** A CSV import: the file (2 MB, the limit the import itself states) and the form around it. */
export const CSV_IMPORT_BYTES = 2 * MB + PAGE_FORM_BYTES;
/** A coaching visit: up to four photos of at most 10 MB each (app/modules/coaching/photos.ts) and the form. */
export const VISIT_BYTES = 45 * MB;

const LIMITS: { pattern: RegExp; bytes: number }[] = [
  { pattern: /^\/firms\/[^/]+\/visits\/new(\.data)?$/, bytes: VISIT_BYTES },
  {
    pattern: /^\/programmes\/[^/]+\/roster(\.data)?$/,
    bytes: CSV_IMPORT_BYTES,
  },
  {
    pattern: /^\/programmes\/[^/]+\/screening\/outcomes(\.data)?$/,
    bytes: CSV_IMPORT_BYTES,
  },
];

export function bodyLimitFor(pathname: string): number {
  return (
    LIMITS.find((limit) => limit.pattern.test(pathname))?.bytes ??
    PAGE_FORM_BYTES
  );
}

/** "45 MB", "256 KB": the limit as a person reads it. */
export function formatBytes(bytes: number): string {
  return bytes >= MB
    ? `${Math.round(bytes / MB)} MB`
    : `${Math.round(bytes / KB)} KB`;
}

export type BodyVerdict =
  { ok: true } | { ok: false; status: 411 | 413; limit: number };

/**
 * A body is accepted only with a declared length within the limit: browsers always declare it
 * for forms and uploads, and a body without one (chunked) could only be measured by reading it.
 */
export function checkBody(
  method: string,
  pathname: string,
  headers: { contentLength: string | null; transferEncoding: string | null },
): BodyVerdict {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase()))
    return { ok: true };
  const limit = bodyLimitFor(pathname);
  if (headers.contentLength === null || headers.contentLength.trim() === "") {
    return headers.transferEncoding
      ? { ok: false, status: 411, limit }
      : { ok: true };
  }
  const length = Number(headers.contentLength);
  if (!Number.isSafeInteger(length) || length < 0)
    return { ok: false, status: 413, limit };
  return length > limit ? { ok: false, status: 413, limit } : { ok: true };
}

/**
 * A request that changes something must come from this site's own pages. Browsers send Origin
 * on every POST (and Sec-Fetch-Site); a request with neither is not from a browser page, so
 * another site cannot have made it on a person's behalf.
 */
export function isCrossSite(
  method: string,
  requestUrl: string,
  origin: string | null,
  fetchSite: string | null,
): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return false;
  if (origin !== null) {
    if (origin === "null") return true;
    try {
      return new URL(origin).host !== new URL(requestUrl).host;
    } catch {
      return true;
    }
  }
  return fetchSite === "cross-site" || fetchSite === "same-site";
}
