import { randomBytes } from "node:crypto";
import { database, expect, expectNoAxeViolations, expectNoSidewaysScroll, screenshot, signInAs, test, waitForOfflineReady } from "./support/fixtures";

/** A manager of the demo programme of one's own: signing out on all devices must not end the shared demo manager's sessions. */
function twinManager(): { username: string; programmeId: string } {
  const db = database();
  try {
    const original = db.prepare('SELECT id, name FROM "User" WHERE email = ?').get("manager@demo.kaizen.test") as { id: string; name: string };
    const membership = db.prepare('SELECT programmeId FROM "Membership" WHERE userId = ? AND role = ?').get(original.id, "manager") as { programmeId: string };
    const id = `e2e_${randomBytes(8).toString("hex")}`;
    const username = `twin.${id}`;
    const now = Date.now();
    db.prepare('INSERT INTO "User" (id, name, username, language, isAdmin, createdAt) VALUES (?, ?, ?, ?, 0, ?)').run(id, original.name, username, "en", now);
    db.prepare('INSERT INTO "Membership" (id, userId, programmeId, role, createdAt) VALUES (?, ?, ?, ?, ?)').run(`${id}_m`, id, membership.programmeId, "manager", now);
    return { username, programmeId: membership.programmeId };
  } finally {
    db.close();
  }
}

test.describe("redirects after sign-in", () => {
  test.use({ javaScriptEnabled: false });

  test("a hostile redirectTo lands on the app, not on another site (JavaScript off)", async ({ page, baseURL }) => {
    await page.goto("/sign-in?redirectTo=%2F%09%2Fevil.example%2Fphish");
    await page.getByLabel("Phone number, username or email").fill("+254 722 000 003");
    await page.getByLabel("Password").fill("kaizen-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForLoadState("load");
    const landed = new URL(page.url());
    expect(landed.origin).toBe(new URL(baseURL!).origin);
    expect(landed.pathname).toBe("/");
  });

  test("the language picker's redirect is checked the same way", async ({ page, baseURL }) => {
    const response = await page.request.post("/language", {
      form: { language: "sw", redirectTo: "/\t\\evil.example" },
      headers: { Origin: new URL(baseURL!).origin },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers()["location"]).toBe("/");
  });
});

test.describe("security headers", () => {
  const EVERYWHERE = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
  };

  test("every kind of answer carries them, and signed-in pages are never stored by a cache", async ({ page, request }) => {
    await signInAs(page, { email: "manager@demo.kaizen.test" });
    const html = await (await request.get("/sign-in")).text();
    const asset = /<link rel="modulepreload" href="(\/assets\/[^"]+)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const programmeId = /\/programmes\/([^/"]+)\//.exec(await (await page.request.get("/")).text())?.[1];
    expect(programmeId).toBeTruthy();

    const kinds: [string, () => ReturnType<typeof request.get>][] = [
      ["public page", () => request.get("/sign-in")],
      ["signed-in page", () => page.request.get("/account")],
      ["asset", () => request.get(asset!)],
      ["resource route", () => request.get("/healthz")],
      ["404", () => request.get("/no-such-page")],
      ["invitation codes", () => page.request.get(`/programmes/${programmeId}/codes`)],
    ];
    const seen: Record<string, Record<string, string>> = {};
    for (const [kind, get] of kinds) {
      const response = await get();
      const headers = response.headers();
      seen[kind] = headers;
      expect(headers, kind).toMatchObject(EVERYWHERE);
      const csp = headers["content-security-policy"] ?? "";
      expect(csp, kind).toContain("frame-ancestors 'none'");
      expect(csp, kind).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp, kind).not.toContain("unsafe-inline'; script");
      expect(headers["permissions-policy"], kind).toContain("geolocation=()");
      // Cookies are Secure in production: browsers are told to keep to HTTPS.
      expect(headers["strict-transport-security"], kind).toContain("max-age=");
    }
    expect(seen["404"]!["content-type"]).toContain("text/html");
    expect(seen["signed-in page"]!["cache-control"]).toBe("private, no-store");
    expect(seen["public page"]!["cache-control"]).toBeUndefined();
    expect(seen["asset"]!["cache-control"]).toContain("immutable");
    expect(seen["invitation codes"]!["x-kaizen-offline"]).toBe("never");
    expect(seen["invitation codes"]!["cache-control"]).toBe("private, no-store");
    expect(seen["signed-in page"]!["x-kaizen-offline"]).toBeUndefined();
    // A page's inline scripts all carry this answer's nonce.
    const nonce = /'nonce-([^']+)'/.exec(seen["public page"]!["content-security-policy"]!)?.[1];
    expect(nonce).toBeTruthy();
  });

  test("the pages still start under the policy: no script, style or font is refused", async ({ page }) => {
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    await signInAs(page, { phone: "254722000001" });
    await page.goto("/lessons/kaizen-mindset");
    await waitForOfflineReady(page);
    await page.goto("/my-screening");
    await page.goto("/");
    expect(refused).toEqual([]);
  });
});

test.describe("signing out on all devices", () => {
  test("empties this phone's offline pages: the codes page and the set-up page are not shown from the cache", async ({ page, context }) => {
    const twin = twinManager();
    await signInAs(page, { username: twin.username });
    const codes = `/programmes/${twin.programmeId}/codes`;
    const setup = `/programmes/${twin.programmeId}/setup`;
    await page.goto(setup);
    await waitForOfflineReady(page);
    await page.goto(codes);
    await expect(page.locator("td.code").first()).toBeVisible();
    // The codes page is never kept, even before signing out.
    await page.waitForTimeout(500);
    const kept = () =>
      page.evaluate(async () => (await (await caches.open("kaizen-pages-v1")).keys()).map((r) => new URL(r.url).pathname));
    expect(await kept()).not.toContain(codes);
    expect(await kept()).toContain(setup);

    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out on all devices" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect.poll(kept, { timeout: 15_000 }).not.toContain(setup);

    await context.setOffline(true);
    for (const path of [codes, setup]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(503);
      await expect(page.getByText("No network, and this page was not saved on this phone.")).toBeVisible();
      await expect(page.locator("td.code")).toHaveCount(0);
    }
    await screenshot(page, "offline-after-sign-out-everywhere");
    await context.setOffline(false);
  });

  test("a phone whose session was revoked elsewhere forgets its pages at its next page load", async ({ page, context }) => {
    const twin = twinManager();
    await signInAs(page, { username: twin.username });
    const setup = `/programmes/${twin.programmeId}/setup`;
    await page.goto(setup);
    await waitForOfflineReady(page);
    // Signed out on all devices from another phone.
    const db = database();
    try {
      db.prepare('DELETE FROM "Session" WHERE userId = (SELECT id FROM "User" WHERE username = ?)').run(twin.username);
    } finally {
      db.close();
    }
    await page.goto("/");
    const kept = () => page.evaluate(async () => (await (await caches.open("kaizen-pages-v1")).keys()).map((r) => new URL(r.url).pathname));
    await expect.poll(kept, { timeout: 15_000 }).not.toContain(setup);
    await context.setOffline(true);
    expect((await page.goto(setup))?.status()).toBe(503);
    await context.setOffline(false);
  });
});

test.describe("requests from elsewhere", () => {
  test("another site cannot change a person's language or end their session", async ({ page }) => {
    await signInAs(page, { phone: "254722000002" });
    for (const path of ["/language", "/sign-out"]) {
      const response = await page.request.post(path, { form: { language: "vi", redirectTo: "/" }, headers: { Origin: "http://evil.example" }, maxRedirects: 0 });
      expect(response.status(), path).toBe(403);
    }
    await page.goto("/account");
    await expect(page.locator("html")).not.toHaveAttribute("lang", "vi");
    await expect(page.getByRole("button", { name: /./ }).first()).toBeVisible();
  });

  test("an oversized form is refused with 413 and a clear message in the person's language", async ({ page }) => {
    await page.context().addCookies([{ name: "lng", value: "InN3Ig%3D%3D", url: test.info().project.use.baseURL!, httpOnly: true, sameSite: "Lax" }]);
    const response = await page.request.post("/sign-in", {
      headers: { Origin: new URL(test.info().project.use.baseURL!).origin, "Content-Type": "application/x-www-form-urlencoded" },
      data: `identifier=x&password=${"a".repeat(300 * 1024)}`,
    });
    expect(response.status()).toBe(413);
    const html = await response.text();
    expect(html).toContain('lang="sw"');
    expect(html).toContain("256 KB");
  });
});

test.describe("the refusal page", () => {
  for (const language of ["en", "sw"] as const) {
    test(`an oversized form sent from the page says why, in ${language}, at phone width`, async ({ page }) => {
      await page.goto(`/sign-in`);
      if (language !== "en") {
        await page.getByRole("button", { name: "Kiswahili" }).click();
        await expect(page.locator("html")).toHaveAttribute("lang", "sw");
      }
      // A native form submission, as a phone without JavaScript would send it.
      await page.evaluate(() => {
        const form = document.querySelector<HTMLFormElement>("main form")!;
        const pad = document.createElement("input");
        pad.type = "hidden";
        pad.name = "pad";
        pad.value = "a".repeat(300 * 1024);
        form.append(pad);
        HTMLFormElement.prototype.submit.call(form);
      });
      await expect(page.locator(".error-page__status")).toHaveText("413");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(language === "en" ? "This is too large to send" : "Hiki ni kikubwa mno kutuma");
      await expect(page.locator(".error-page")).toContainText("256 KB");
      await expectNoAxeViolations(page);
      await expectNoSidewaysScroll(page);
      await screenshot(page, `too-large-${language}`);
    });
  }
});
