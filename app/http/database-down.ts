import { createContext, data, type RouterContextProvider } from "react-router";

/** How long a client is asked to wait before trying again while the database is down. */
export const RETRY_AFTER_SECONDS = 30;

/** Set for a request that found the database unreachable: pages then answer 503 instead of "sign in". */
export const databaseDownContext = createContext<boolean>(false);

export function databaseDown(context: Readonly<RouterContextProvider>): boolean {
  return context.get(databaseDownContext);
}

/** Thrown by a guard that cannot tell who is asking because the database is down. */
export function unavailable(): never {
  throw data({ reason: "unavailable" }, { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } });
}
