// Values as raw queries ($queryRaw) hand them back, which differ by database: the app's SQLite
// adapter stores timestamps as epoch milliseconds (and may return them as numbers or bigints),
// PostgreSQL returns Date objects.

/** A timestamp column read by a raw query, as a Date. */
export function rawDate(raw: Date | number | bigint | string): Date {
  return raw instanceof Date ? raw : new Date(typeof raw === "string" && !/^\d+$/.test(raw) ? raw : Number(raw));
}
