import { data, redirect, type RouterContextProvider } from "react-router";
import { db } from "~/db/db.server";
import { databaseDown, unavailable } from "~/http/database-down";
import {
  endSessionHeaders,
  invalidateSession,
  sessionContext,
  type Role,
  type SessionUser,
} from "./session.server";

/** What every loader and action receives; the guards need only these two. */
type Args = { request: Request; context: Readonly<RouterContextProvider> };

export function getUser({ context }: Pick<Args, "context">): SessionUser | null {
  return context.get(sessionContext)?.user ?? null;
}

export function getUserId(args: Pick<Args, "context">): string | null {
  return getUser(args)?.id ?? null;
}

/** The signed-in person; anyone else is sent to sign in and brought back afterwards. */
export function requireUser({ request, context }: Args): SessionUser {
  const user = getUser({ context });
  if (user) return user;
  // Not "please sign in": the database that would say who this is cannot be reached.
  if (databaseDown(context)) unavailable();
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: back })}`);
}

/** Sign-in and invitation pages are for people who are not signed in. */
export function requireAnonymous({ context }: Pick<Args, "context">): void {
  if (getUser({ context })) throw redirect("/");
}

export function forbidden(): never {
  throw data({ reason: "forbidden" }, { status: 403 });
}

export function notFound(): never {
  throw data({ reason: "notFound" }, { status: 404 });
}

export function requireAdmin(args: Args): SessionUser {
  const user = requireUser(args);
  if (!user.isAdmin) forbidden();
  return user;
}

/**
 * The person must hold one of `roles` in the programme. A programme that does not exist is a
 * 404; one the person has no such role in is a 403 (whether it exists is no secret to its
 * members only, but ids are unguessable cuids). A platform admin passes manager checks, since
 * setting up programmes is their work.
 */
export async function requireProgrammeRole(
  args: Args,
  programmeId: string,
  roles: Role | Role[],
): Promise<{ user: SessionUser; role: Role | "admin" }> {
  const user = requireUser(args);
  const wanted = Array.isArray(roles) ? roles : [roles];
  const programme = await db.programme.findUnique({ where: { id: programmeId }, select: { id: true } });
  if (!programme) notFound();
  const held = user.memberships.find((m) => m.programmeId === programmeId && wanted.includes(m.role));
  if (held) return { user, role: held.role };
  if (user.isAdmin && wanted.includes("manager")) return { user, role: "admin" };
  forbidden();
}

/** Ends this device's session and sends the person to the home page. */
export async function logout({ context }: Pick<Args, "context">, redirectTo = "/"): Promise<never> {
  const session = context.get(sessionContext);
  if (session) await invalidateSession(session.sessionId);
  throw redirect(redirectTo, { headers: endSessionHeaders() });
}

/** Only same-site paths are followed after sign-in, never another site (app/http/redirect.ts). */
export { safeRedirect } from "~/http/redirect";
