import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY } from "~/auth/throttle";
import { sessionIdOf } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { action as signInAction, loader as signInLoader } from "~/routes/auth/sign-in";
import { makeUser, outcome, routeArgs, TEST_PASSWORD, unique } from "../support/fixtures";

function tokenFrom(headers: Headers): string {
  const cookie = headers.get("Set-Cookie") ?? "";
  const match = /kaizen_session=([^;]*)/.exec(cookie);
  return match?.[1] ?? "";
}

async function signIn(identifier: string, password: string, clientAddress = unique("addr")) {
  return outcome(async () => signInAction(await routeArgs("/sign-in", { form: { identifier, password, redirectTo: "/account" }, clientAddress })));
}

describe("signing in", () => {
  it("works with a full phone number, a local one, a username and an email", async () => {
    const phone = `2547${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
    const email = `${unique("mail")}@example.org`.toLowerCase();
    const user = await makeUser({ phone, email });
    for (const identifier of [`+${phone}`, `0${phone.slice(3)}`, user.username!, email.toUpperCase()]) {
      const result = await signIn(identifier, TEST_PASSWORD);
      expect(result.status, identifier).toBe(302);
      expect(result.headers.get("Location")).toBe("/account");
      expect(result.headers.get("Set-Cookie")).toMatch(/HttpOnly; SameSite=Lax/);
    }
  });

  it("stores only the hash of the session token", async () => {
    const user = await makeUser();
    const result = await signIn(user.username!, TEST_PASSWORD);
    const token = tokenFrom(result.headers);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(await db.session.findUnique({ where: { id: token } })).toBeNull();
    const stored = await db.session.findUnique({ where: { id: sessionIdOf(token) } });
    expect(stored?.userId).toBe(user.id);
  });

  it("refuses a wrong password with one message that does not say which part was wrong, and never echoes the password", async () => {
    const user = await makeUser();
    const result = await signIn(user.username!, "wrong password");
    expect(result.status).toBe(400);
    expect(result.data.result.error[""]).toEqual(["signIn.invalid"]);
    expect(JSON.stringify(result.data)).not.toContain("wrong password");
    const unknown = await signIn("nobody-at-all", "wrong password");
    expect(unknown.data.result.error[""]).toEqual(["signIn.invalid"]);
  });

  it("answers empty fields with errors beside each field", async () => {
    const result = await signIn("", "");
    expect(result.status).toBe(400);
    expect(result.data.result.error.identifier).toEqual(["form.required"]);
    expect(result.data.result.error.password).toEqual(["form.required"]);
  });

  it("slows down repeated failures on one account, from any address, and then locks it", async () => {
    const user = await makeUser();
    for (let i = 0; i < ACCOUNT_POLICY.freeFailures; i++) expect((await signIn(user.username!, "nope")).status).toBe(400);
    expect((await signIn(user.username!, "nope")).status).toBe(400);
    // The next try comes too soon: refused without even checking the password, even a right one.
    const tooSoon = await signIn(user.username!, TEST_PASSWORD);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.data.throttle).toEqual({ seconds: expect.any(Number), locked: false });

    await db.signInThrottle.update({
      where: { key: `account:username:${user.username}` },
      data: { failures: ACCOUNT_POLICY.lockAfter, lockedUntil: new Date(Date.now() + 15 * 60_000) },
    });
    const locked = await signIn(user.username!, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.data.throttle.locked).toBe(true);
  });

  it("slows down one address trying many accounts", async () => {
    const address = unique("sweeper");
    for (let i = 0; i < 20; i++) await signIn(unique("guess"), "nope", address);
    expect((await signIn(unique("guess"), "nope", address)).status).toBe(400);
    expect((await signIn(unique("guess"), "nope", address)).status).toBe(429);
  });

  it("clears an account's failures after a right password", async () => {
    const user = await makeUser();
    await signIn(user.username!, "nope");
    expect((await signIn(user.username!, TEST_PASSWORD)).status).toBe(302);
    expect(await db.signInThrottle.findUnique({ where: { key: `account:username:${user.username}` } })).toBeNull();
  });

  it("answers a body that is not a form with 400, not 500", async () => {
    const args = (await routeArgs("/sign-in")) as unknown as { request: Request };
    const request = new Request("http://localhost/sign-in", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    const result = await outcome(() => signInAction({ ...args, request } as never));
    expect(result.status).toBe(400);
  });

  it("sends a signed-in person away from the sign-in page", async () => {
    const user = await makeUser();
    const result = await outcome(async () => signInLoader(await routeArgs("/sign-in", { userId: user.id })));
    expect(result.status).toBe(302);
  });
});
