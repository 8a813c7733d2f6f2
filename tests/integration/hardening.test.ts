import { RouterContextProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY } from "~/auth/throttle";
import { createSession, FORGET_PAGES_COOKIE, invalidateUserSessions, SESSION_COOKIE, sessionMiddleware } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { requestGuardMiddleware } from "~/http/request-guard.server";
import { PAGE_FORM_BYTES, VISIT_BYTES } from "~/http/limits";
import { action as scheduleAction } from "~/routes/attendance/cohort";
import { action as signInAction } from "~/routes/auth/sign-in";
import { makeProgramme, makeUser, outcome, routeArgs, TEST_PASSWORD, unique } from "../support/fixtures";

async function signIn(identifier: string, password: string, clientAddress = unique("addr")) {
  return outcome(async () => signInAction(await routeArgs("/sign-in", { form: { identifier, password, redirectTo: "/" }, clientAddress })));
}

function randomNine(): string {
  return String(Math.floor(700_000_000 + Math.random() * 99_999_999));
}

describe("sign-in throttling by account", () => {
  it("counts one account's failures together however its number is typed", async () => {
    const nine = randomNine();
    await makeUser({ phone: `254${nine}` });
    const spellings = [`+254 ${nine.slice(0, 3)} ${nine.slice(3, 6)} ${nine.slice(6)}`, `0${nine}`, `04${nine}`, `054${nine}`];
    // Every spelling finds the account.
    for (const typed of spellings) expect((await signIn(typed, TEST_PASSWORD)).status, typed).toBe(302);
    // Failures spread over the spellings add up on one counter.
    for (let i = 0; i <= ACCOUNT_POLICY.freeFailures; i++) await signIn(spellings[i % spellings.length]!, "nope");
    for (const typed of spellings) expect((await signIn(typed, TEST_PASSWORD)).status, typed).toBe(429);
    const rows = await db.signInThrottle.findMany({ where: { key: { contains: nine } } });
    expect(rows.map((r) => r.key)).toEqual([`account:phone:${nine}`]);
    expect(rows[0]!.failures).toBe(ACCOUNT_POLICY.freeFailures + 1);
  });

  it("throttles an unknown number exactly as a known one, so the throttle tells nothing", async () => {
    const nine = randomNine();
    for (let i = 0; i <= ACCOUNT_POLICY.freeFailures; i++) expect((await signIn(i % 2 ? `0${nine}` : `+254${nine}`, "nope")).status).toBe(400);
    const next = await signIn(`054${nine}`, "nope");
    expect(next.status).toBe(429);
  });

  it("does not match a number too short to be a whole one", async () => {
    const nine = randomNine();
    await makeUser({ phone: `254${nine}` });
    expect((await signIn(`0${nine.slice(1)}`, TEST_PASSWORD)).status).toBe(400);
  });
});

describe("sign-in throttling by address (a training hall shares one)", () => {
  it("still lets an account with no failures of its own in with the right password", async () => {
    const hall = unique("hall");
    for (let i = 0; i < 25; i++) await signIn(unique("guess"), "nope", hall);
    expect((await signIn(unique("guess"), "nope", hall)).status).toBe(429);
    const owner = await makeUser();
    expect((await signIn(owner.username!, TEST_PASSWORD, hall)).status).toBe(302);
  });

  it("answers a wrong password there as throttled, and refuses that account's next try from the address", async () => {
    const hall = unique("hall");
    for (let i = 0; i < 25; i++) await signIn(unique("guess"), "nope", hall);
    const owner = await makeUser();
    expect((await signIn(owner.username!, "nope", hall)).status).toBe(429);
    // The account has now failed itself: the address limit applies to it, right password or not.
    expect((await signIn(owner.username!, TEST_PASSWORD, hall)).status).toBe(429);
    // From another address the owner is not held back by the hall.
    expect((await signIn(owner.username!, TEST_PASSWORD)).status).toBe(302);
  });
});

function contextOf(): RouterContextProvider {
  return new RouterContextProvider();
}

/** A POST whose body counts what was read of it. */
function bigPost(url: string, declared: number, headers: Record<string, string> = {}) {
  let read = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      read += 65536;
      controller.enqueue(new Uint8Array(65536));
      if (read >= declared) controller.close();
    },
  });
  const request = new Request(url, {
    method: "POST",
    body,
    headers: { "Content-Length": String(declared), "Content-Type": "application/x-www-form-urlencoded", ...headers },
    duplex: "half",
  } as RequestInit);
  return { request, read: () => read };
}

async function guard(request: Request) {
  return outcome(() =>
    requestGuardMiddleware({ request, context: contextOf(), params: {}, unstable_pattern: "", pattern: "" } as never, async () => new Response("reached the action")),
  );
}

describe("request limits, decided before the body is read", () => {
  it("refuses an oversized page form with 413, reading nothing", async () => {
    const post = bigPost("http://localhost/sign-in", 40 * 1024 * 1024);
    const result = await guard(post.request);
    expect(result.status).toBe(413);
    expect(result.data).toEqual({ reason: "tooLarge", limit: "256 KB" });
    expect(post.read()).toBeLessThanOrEqual(65536 * 2);
  });

  it("lets a form within its limit through, and gives a visit its larger one", async () => {
    expect((await guard(bigPost("http://localhost/sign-in", PAGE_FORM_BYTES).request)).status).toBe(200);
    expect((await guard(bigPost("http://localhost/firms/f1/visits/new", 30 * 1024 * 1024).request)).status).toBe(200);
    expect((await guard(bigPost("http://localhost/firms/f1/visits/new", VISIT_BYTES + 1).request)).status).toBe(413);
  });

  it("answers an outbox replay in JSON", async () => {
    const result = await guard(bigPost("http://localhost/firms/f1/visits/new", 100 * 1024 * 1024, { "X-Kaizen-Outbox": "1" }).request);
    expect(result.status).toBe(413);
  });

  it("refuses a cross-site POST to a resource route", async () => {
    for (const path of ["/language", "/sign-out"]) {
      const request = new Request(`http://localhost${path}`, { method: "POST", headers: { Origin: "http://evil.example" }, body: "language=sw" });
      const result = await guard(request);
      expect(result.status, path).toBe(403);
      expect(result.data).toEqual({ reason: "crossSite" });
    }
    const same = new Request("http://localhost/language", { method: "POST", headers: { Origin: "http://localhost" }, body: "language=sw" });
    expect((await guard(same)).status).toBe(200);
  });
});

describe("a session found revoked", () => {
  async function throughSession(cookie: string, method = "GET") {
    const request = new Request("http://localhost/account", { method, headers: { Cookie: cookie } });
    return (await sessionMiddleware({ request, context: contextOf(), params: {}, unstable_pattern: "", pattern: "" } as never, async () => new Response("page"))) as Response;
  }

  it("tells the phone to forget its pages, and ends the cookie", async () => {
    const user = await makeUser();
    const { token } = await createSession(user.id);
    const live = await throughSession(`${SESSION_COOKIE}=${token}`);
    expect(live.headers.get("X-Kaizen-Forget-Pages")).toBeNull();
    await invalidateUserSessions(user.id);
    const revoked = await throughSession(`${SESSION_COOKIE}=${token}`);
    expect(revoked.headers.get("X-Kaizen-Forget-Pages")).toBe("1");
    const cookies = revoked.headers.getSetCookie().join("\n");
    expect(cookies).toContain(`${SESSION_COOKIE}=;`);
    expect(cookies).toContain(`${FORGET_PAGES_COOKIE}=1`);
  });

  it("passes a sign-out's news on to the next page load, once", async () => {
    const next = await throughSession(`${FORGET_PAGES_COOKIE}=1`);
    expect(next.headers.get("X-Kaizen-Forget-Pages")).toBe("1");
    expect(next.headers.getSetCookie().join("\n")).toContain(`${FORGET_PAGES_COOKIE}=1; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    expect((await throughSession("")).headers.get("X-Kaizen-Forget-Pages")).toBeNull();
  });
});

describe("odd input", () => {
  it("refuses a session dated far ahead or before the programme, and a venue of control characters", async () => {
    const p = await makeProgramme();
    const trainer = await makeUser({ roles: [{ programmeId: p.programmeId, role: "trainer" }] });
    await db.cohortTrainer.create({ data: { cohortId: p.cohortId, userId: trainer.id } });
    const schedule = async (form: Record<string, string>) =>
      outcome(async () =>
        scheduleAction(await routeArgs(`/cohorts/${p.cohortId}`, { userId: trainer.id, form: { startTime: "09:00", endTime: "11:00", clientId: crypto.randomUUID(), ...form }, params: { cohortId: p.cohortId } })),
      );
    const far = await schedule({ date: "2099-01-01", venue: "Community hall" });
    expect(far.status).toBe(400);
    expect(far.data.result.error.date).toEqual(["limits.dateTooLate"]);
    const early = await schedule({ date: "2020-01-01", venue: "Community hall" });
    expect(early.data.result.error.date).toEqual(["limits.dateTooEarly"]);
    const invisible = await schedule({ date: "2026-03-10", venue: "\u0001\u0002" });
    expect(invisible.status).toBe(400);
    expect(invisible.data.result.error.venue).toContain("limits.controlCharacters");
    expect(await db.classSession.count({ where: { cohortId: p.cohortId } })).toBe(0);
    expect((await schedule({ date: "2026-03-10", venue: "Community hall" })).status).toBe(302);
  });
});
