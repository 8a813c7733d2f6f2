import { createContext, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import { db } from "~/db/db.server";
import { isDatabaseUnreachable } from "~/db/reachable";
import { databaseDownContext } from "~/http/database-down";
import { secureCookies } from "~/env.server";

/**
 * Sessions as the Lucia project now teaches them (docs/decisions/0002-sessions-the-lucia-way.md): the cookie
 * holds a random token; the database holds only its SHA-256, so a leaked table lets no one in.
 * Sessions slide: used in their second half, they are extended to a full period again.
 */
const SESSION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;
import { SESSION_COOKIE, generateSessionToken, sessionIdOf } from "./session-token";

export { SESSION_COOKIE, generateSessionToken, sessionIdOf };

import type { ProgrammeRole as Role, SessionUser } from "./roles";

export type { Role, SessionUser };

type LoadedSession = { sessionId: string; user: SessionUser; refreshedUntil: Date | null };

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * DAY);
  await db.session.create({ data: { id: sessionIdOf(token), userId, expiresAt } });
  return { token, expiresAt };
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function blankSessionCookie(): string {
  return sessionCookie("", new Date(0)).replace("Expires=", "Max-Age=0; Expires=");
}

function readCookie(request: Request, cookie: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === cookie) return rest.join("=") || null;
  }
  return null;
}

export function readSessionToken(request: Request): string | null {
  return readCookie(request, SESSION_COOKIE);
}

/*
 * When a session ends (sign-out, sign-out on all devices, or a session found revoked or
 * expired), the pages the service worker kept for offline use are this person's and must go.
 * The answer that ends a session is often a redirect, which the worker cannot read, so a short
 * cookie carries the news to the next page load, whose answer says `X-Kaizen-Forget-Pages: 1`;
 * the worker (public/sw.js) then empties its page cache before keeping anything new.
 */
export const FORGET_PAGES_COOKIE = "kaizen_forget_pages";
export const FORGET_PAGES_HEADER = "X-Kaizen-Forget-Pages";

export function forgetPagesCookie(): string {
  const parts = [`${FORGET_PAGES_COOKIE}=1`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=600"];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

function forgottenPagesCookie(): string {
  return forgetPagesCookie().replace("Max-Age=600", "Max-Age=0");
}

/** The headers of an answer that ends this device's session. */
export function endSessionHeaders(): Headers {
  const headers = new Headers();
  headers.append("Set-Cookie", blankSessionCookie());
  headers.append("Set-Cookie", forgetPagesCookie());
  return headers;
}

async function validateSessionToken(token: string): Promise<LoadedSession | null> {
  const sessionId = sessionIdOf(token);
  const row = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      user: {
        select: {
          deactivatedAt: true,
          id: true,
          name: true,
          language: true,
          isAdmin: true,
          firmId: true,
          memberships: {
            select: { programmeId: true, role: true, programme: { select: { name: true } } },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  if (!row) return null;
  const now = Date.now();
  // Deactivation ends sessions; this also refuses any made in the same instant.
  if (row.user.deactivatedAt) return null;
  if (row.expiresAt.getTime() <= now) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  let refreshedUntil: Date | null = null;
  if (row.expiresAt.getTime() - now < (SESSION_DAYS / 2) * DAY) {
    refreshedUntil = new Date(now + SESSION_DAYS * DAY);
    await db.session.update({ where: { id: sessionId }, data: { expiresAt: refreshedUntil } });
  }
  const { memberships, deactivatedAt: _, ...user } = row.user;
  return {
    sessionId,
    refreshedUntil,
    user: {
      ...user,
      memberships: memberships.map((m) => ({
        programmeId: m.programmeId,
        programmeName: m.programme.name,
        role: m.role as Role,
      })),
    },
  };
}

// The language detector and the session middleware both need the session of a request:
// look it up once per request.
const loaded = new WeakMap<Request, Promise<LoadedSession | null>>();

export function loadSession(request: Request): Promise<LoadedSession | null> {
  let promise = loaded.get(request);
  if (!promise) {
    const token = readSessionToken(request);
    promise = token ? validateSessionToken(token) : Promise.resolve(null);
    loaded.set(request, promise);
  }
  return promise;
}

export const sessionContext = createContext<LoadedSession | null>(null);

/** Puts the signed-in person (or null) in the router context, and renews a sliding session's cookie. */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const session = await loadSessionUnlessDown(request, context);
  context.set(sessionContext, session);
  const response = await next();
  const token = readSessionToken(request);
  if (session?.refreshedUntil && token) {
    response.headers.append("Set-Cookie", sessionCookie(token, session.refreshedUntil));
  }
  // A session cookie that no longer opens a session: revoked (signed out on all devices) or expired.
  const ended = token !== null && session === null;
  if (ended) {
    response.headers.append("Set-Cookie", blankSessionCookie());
    response.headers.append("Set-Cookie", forgetPagesCookie());
  }
  if (request.method === "GET" && (ended || readCookie(request, FORGET_PAGES_COOKIE))) {
    response.headers.set(FORGET_PAGES_HEADER, "1");
    if (!ended) response.headers.append("Set-Cookie", forgottenPagesCookie());
  }
  return response;
};

/** The session, or null with the request marked "database down" when the database cannot be reached (app/http/outage.server.ts). */
async function loadSessionUnlessDown(request: Request, context: Readonly<RouterContextProvider>): Promise<LoadedSession | null> {
  if (context.get(databaseDownContext)) return null;
  try {
    return await loadSession(request);
  } catch (error) {
    if (!isDatabaseUnreachable(error)) throw error;
    context.set(databaseDownContext, true);
    return null;
  }
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Sign out everywhere: every device this person is signed in on. */
export async function invalidateUserSessions(userId: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId } });
  return count;
}
