/**
 * Whether an error means the database could not be reached (down, restarting, refusing
 * connections), as opposed to a fault in a query. Pure: reads Prisma's codes, the driver
 * adapter's error kinds and, for the migration engine that only gives text, its message.
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "DatabaseDoesNotExist"]);
const MESSAGES = /can't reach database server|connection terminated|econnrefused|econnreset|etimedout|enotfound|the database system is (starting up|shutting down)|terminating connection due to administrator command/i;

export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const value = e as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string } } }; cause?: unknown };
    if (typeof value.code === "string" && (PRISMA_CODES.has(value.code) || /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|57P0[123])$/.test(value.code))) return true;
    const kind = value.meta?.driverAdapterError?.cause?.kind ?? (value as { kind?: string }).kind;
    if (kind && ADAPTER_KINDS.has(kind)) return true;
    if (typeof value.message === "string" && MESSAGES.test(value.message)) return true;
    e = value.cause;
  }
  return false;
}
