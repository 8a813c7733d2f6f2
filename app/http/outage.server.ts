import type { MiddlewareFunction } from "react-router";
import { db } from "~/db/db.server";
import { databaseDownContext, RETRY_AFTER_SECONDS } from "./database-down";
import { getUser } from "~/auth/guards.server";
import { isLanguage } from "~/i18n/languages";
import { languageCookie } from "~/i18n/i18next.server";
import { isOutboxReplay, outboxReply } from "~/offline/replay.server";
import { databaseReady, retryStartupNow } from "~/startup.server";

/**
 * The first middleware of every request. While the database could not be prepared at start it
 * tries once more (at most one attempt at a time) and otherwise lets the page render with the
 * database marked down, so the error page is in the person's language (from the phone's language
 * cookie) rather than a bare failure. An outbox replay is always answered in JSON: a page that
 * failed becomes 503 with Retry-After while the database is down (the phone keeps the item and
 * sends it again), 500 otherwise.
 */
export const outageMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  if (!databaseReady() && !(await retryStartupNow())) context.set(databaseDownContext, true);
  const response = await next();
  if (!isOutboxReplay(request) || response.status < 500 || response.headers.get("Content-Type")?.includes("application/json")) return response;
  const down = context.get(databaseDownContext) || !(await databaseAnswers());
  const reply = outboxReply(down ? 503 : 500, { ok: false, errors: {} });
  if (down) reply.headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  return reply;
};

async function databaseAnswers(): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps the phone's language cookie equal to the signed-in person's own language (set once, when
 * they differ), so that a page the server must answer without its database (an outage) is still
 * in the person's language rather than the browser's.
 */
export const rememberLanguageMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const response = await next();
  const language = getUser({ context })?.language;
  if (language && isLanguage(language) && (await languageCookie.parse(request.headers.get("Cookie"))) !== language) {
    response.headers.append("Set-Cookie", await languageCookie.serialize(language));
  }
  return response;
};
