import { RouterContextProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { requireProgrammeRole, requireUser } from "~/auth/guards.server";
import { createSession, loadSession, SESSION_COOKIE, sessionContext, sessionIdOf, sessionMiddleware } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { action as accountAction } from "~/routes/auth/account";
import { action as signOutAction } from "~/routes/auth/sign-out";
import { makeProgramme, makeUser, outcome, routeArgs } from "../support/fixtures";

function requestWith(token: string, url = "http://localhost/") {
  return new Request(url, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
}

async function runMiddleware(request: Request) {
  const context = new RouterContextProvider();
  const response = await sessionMiddleware({ request, context, params: {} } as never, async () => new Response("ok"));
  return { context, response: response as Response };
}

describe("sessions", () => {
  it("extends a session used in its second half and renews the cookie", async () => {
    const user = await makeUser();
    const { token } = await createSession(user.id);
    const soon = new Date(Date.now() + 5 * 24 * 60 * 60 * 1000);
    await db.session.update({ where: { id: sessionIdOf(token) }, data: { expiresAt: soon } });
    const { context, response } = await runMiddleware(requestWith(token));
    expect(context.get(sessionContext)?.user.id).toBe(user.id);
    expect(response.headers.get("Set-Cookie")).toContain(`${SESSION_COOKIE}=${token}`);
    const stored = await db.session.findUniqueOrThrow({ where: { id: sessionIdOf(token) } });
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 60 * 60 * 1000);
  });

  it("leaves a fresh session alone", async () => {
    const user = await makeUser();
    const { token } = await createSession(user.id);
    const { response } = await runMiddleware(requestWith(token));
    expect(response.headers.get("Set-Cookie")).toBeNull();
  });

  it("refuses and removes an expired session", async () => {
    const user = await makeUser();
    const { token } = await createSession(user.id);
    await db.session.update({ where: { id: sessionIdOf(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await loadSession(requestWith(token))).toBeNull();
    expect(await db.session.findUnique({ where: { id: sessionIdOf(token) } })).toBeNull();
  });

  it("ignores a made-up token", async () => {
    expect(await loadSession(requestWith("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))).toBeNull();
  });

  it("signs out this device only, or every device", async () => {
    const user = await makeUser();
    const other = await createSession(user.id);
    const signOut = await outcome(async () => signOutAction(await routeArgs("/sign-out", { userId: user.id, method: "POST" })));
    expect(signOut.status).toBe(302);
    expect(signOut.headers.get("Set-Cookie")).toContain("Max-Age=0");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);

    const everywhere = await outcome(async () =>
      accountAction(await routeArgs("/account", { userId: user.id, form: { intent: "sign-out-everywhere" } })),
    );
    expect(everywhere.status).toBe(302);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await loadSession(requestWith(other.token))).toBeNull();
  });
});

describe("who may open what", () => {
  it("sends an anonymous person to sign in, and back afterwards", async () => {
    const args = await routeArgs("/lessons/kaizen-mindset?x=1");
    const result = await outcome(() => requireUser(args));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/sign-in?redirectTo=%2Flessons%2Fkaizen-mindset%3Fx%3D1");
  });

  it("lets a programme's manager in, refuses its trainer and another programme's manager, and 404s an unknown programme", async () => {
    const mine = await makeProgramme();
    const theirs = await makeProgramme();
    const manager = await makeUser({ roles: [{ programmeId: mine.programmeId, role: "manager" }] });
    const trainer = await makeUser({ roles: [{ programmeId: mine.programmeId, role: "trainer" }] });
    const otherManager = await makeUser({ roles: [{ programmeId: theirs.programmeId, role: "manager" }] });
    const admin = await makeUser({ isAdmin: true });

    const check = async (userId: string, programmeId: string) =>
      outcome(async () => requireProgrammeRole(await routeArgs("/x", { userId }), programmeId, "manager"));

    expect((await check(manager.id, mine.programmeId)).status).toBe(200);
    expect((await check(admin.id, mine.programmeId)).status).toBe(200);
    expect((await check(trainer.id, mine.programmeId)).status).toBe(403);
    expect((await check(otherManager.id, mine.programmeId)).status).toBe(403);
    expect((await check(manager.id, "no-such-programme")).status).toBe(404);
  });
});
