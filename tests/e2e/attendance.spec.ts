import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { database, expect, expectNoAxeViolations, expectNoSidewaysScroll, screenshot, signInAs, test, waitForOfflineReady } from "./support/fixtures";

const KARIOBANGI = "Kariobangi metalwork 2026";
const PETER = { phone: "254711000101" }; // the Kariobangi trainer, who reads Kiswahili
const HIWOT = { phone: "251911000201" }; // the Merkato trainer

/** A class session for today in a demo cohort, made directly in the test database; its roll is empty. */
function makeSession(cohortName = KARIOBANGI): string {
  const db = database();
  try {
    const cohort = db.prepare(`SELECT id FROM "Cohort" WHERE name = ?`).get(cohortName) as { id: string };
    const id = `e2e_${randomBytes(6).toString("hex")}`;
    const now = new Date();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    // A cohort has one session per day and start time: each test takes a start time still free today.
    const taken = new Set((db.prepare(`SELECT startTime FROM "ClassSession" WHERE cohortId = ? AND date = ?`).all(cohort.id, today) as { startTime: string }[]).map((r) => r.startTime));
    for (let minute = 6 * 60; ; minute += 1) {
      const startTime = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
      if (taken.has(startTime)) continue;
      try {
        db.prepare(`INSERT INTO "ClassSession" (id, cohortId, date, startTime, endTime, venue, modules, createdAt) VALUES (?, ?, ?, ?, '23:30', 'Test hall', '', ?)`).run(id, cohort.id, today, startTime, Date.now());
        return id;
      } catch (error) {
        // Another test took the same start time a moment ago: try the next minute.
        if (!String(error).includes("UNIQUE")) throw error;
      }
    }
  } finally {
    db.close();
  }
}

type Row = { personId: string; status: string; source: string; recordedById: string };
function marksOf(sessionId: string): Row[] {
  const db = database();
  try {
    return db.prepare(`SELECT personId, status, source, recordedById FROM "Attendance" WHERE sessionId = ? ORDER BY personId`).all(sessionId) as Row[];
  } finally {
    db.close();
  }
}
function changesOf(sessionId: string): number {
  const db = database();
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "AttendanceChange" c JOIN "Attendance" a ON a.id = c.attendanceId WHERE a.sessionId = ?`).get(sessionId) as { n: number }).n;
  } finally {
    db.close();
  }
}

const person = (page: Page, n: number) => page.locator(".roll__person").nth(n);

/** Marks the first three people: present, late, and (after a wrong tap undone with one tap) absent. */
async function markThree(page: Page) {
  await person(page, 0).getByRole("radio", { name: "Yupo", exact: true }).check();
  await person(page, 1).getByRole("radio", { name: "Amechelewa", exact: true }).check();
  await person(page, 2).getByRole("radio", { name: "Yupo", exact: true }).check();
  await person(page, 2).getByRole("radio", { name: "Hayupo", exact: true }).check();
  await expect(person(page, 2).getByRole("radio", { name: "Yupo", exact: true })).not.toBeChecked();
}

test.describe("taking the roll", () => {
  test("with JavaScript: one tap per person, one save, no page reload", async ({ page }) => {
    test.slow(); // the accessibility scan of a 40-person roll takes a while
    const trainer = await signInAs(page, PETER);
    const sessionId = makeSession();
    await page.goto(`/sessions/${sessionId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chukua mahudhurio");
    await page.waitForFunction(() => document.querySelector('input[name="js"]') !== null);
    await markThree(page);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await page.getByRole("button", { name: "Hifadhi mahudhurio" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Zimehifadhiwa: alama 3." })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await expect(page.getByText("Watu 3 kati ya")).toBeVisible();
    await expect(person(page, 0).getByText("Imewekwa na Peter Mwangi")).toBeVisible();

    const rows = marksOf(sessionId);
    expect(rows.map((r) => r.status).sort()).toEqual(["absent", "late", "present"]);
    expect(rows.every((r) => r.source === "web" && r.recordedById === trainer.id)).toBe(true);

    // A second save from the same page is a new save, not a replay: the correction is kept.
    await person(page, 2).getByRole("radio", { name: "Ana ruhusa", exact: true }).check();
    await page.getByRole("button", { name: "Hifadhi mahudhurio" }).click();
    await expect(person(page, 2).getByText("Imesahihishwa")).toBeVisible();
    expect(marksOf(sessionId).map((r) => r.status).sort()).toEqual(["excused", "late", "present"]);
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
    await screenshot(page, "roll-call-sw");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the same form posts and comes back with the marks saved", async ({ page }) => {
      await signInAs(page, PETER);
      const sessionId = makeSession();
      await page.goto(`/sessions/${sessionId}`);
      await markThree(page);
      await page.getByRole("button", { name: "Hifadhi mahudhurio" }).click();
      await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}\\?saved=3$`));
      await expect(page.getByText("Zimehifadhiwa: alama 3.")).toBeVisible();
      await expect(person(page, 1).getByRole("radio", { name: "Amechelewa", exact: true })).toBeChecked();
      expect(marksOf(sessionId).map((r) => r.status).sort()).toEqual(["absent", "late", "present"]);

      // The paper sheet of the same session, entered afterwards.
      await page.goto(`/sessions/${sessionId}?paper=1`);
      await person(page, 3).getByRole("radio", { name: "Ana ruhusa", exact: true }).check();
      await page.getByRole("button", { name: "Hifadhi karatasi" }).click();
      expect(marksOf(sessionId).filter((r) => r.source === "paper")).toHaveLength(1);
    });

    test("a refused save shows why, beside the list, in the trainer's language", async ({ page }) => {
      await signInAs(page, PETER);
      const sessionId = makeSession();
      await page.goto(`/sessions/${sessionId}`);
      await page.getByRole("button", { name: "Hifadhi mahudhurio" }).click();
      await expect(page.getByRole("alert")).toContainText("Bado hakuna aliyewekewa alama.");
      expect(marksOf(sessionId)).toHaveLength(0);
    });
  });

  test("a trainer of another cohort is refused, and nothing is written", async ({ page }) => {
    await signInAs(page, HIWOT);
    const sessionId = makeSession();
    const response = await page.goto(`/sessions/${sessionId}`);
    expect(response?.status()).toBe(403);
    await expect(page.locator(".roll")).toHaveCount(0);
    const db = database();
    const someone = (db.prepare(`SELECT u.id FROM "User" u JOIN "Enrolment" e ON e.firmId = u.firmId JOIN "Cohort" c ON c.id = e.cohortId WHERE c.name = ? LIMIT 1`).get(KARIOBANGI) as { id: string }).id;
    db.close();
    const post = await page.request.post(`/sessions/${sessionId}`, { form: { clientId: "intruder-0001", [`mark.${someone}`]: "present" }, maxRedirects: 0 });
    expect(post.status()).toBe(403);
    expect(marksOf(sessionId)).toHaveLength(0);
    expect((await page.request.get(`/sessions/${sessionId}/sheet`)).status()).toBe(403);
  });

  test("the printable sheet lists names, businesses and a signature column", async ({ page }) => {
    await signInAs(page, PETER);
    const sessionId = makeSession();
    await page.goto(`/sessions/${sessionId}/sheet`);
    await expect(page.getByRole("columnheader", { name: "Sahihi" })).toBeVisible();
    expect(await page.locator("tbody tr").count()).toBeGreaterThan(25);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header")).toBeHidden();
    await screenshot(page, "attendance-sheet-print");
  });
});

test.describe("taking the roll without a network", () => {
  test("marks are kept on the phone, survive a reload, and reach the server once, even when replayed", async ({ page, context }) => {
    await signInAs(page, PETER);
    const sessionId = makeSession();
    await page.goto(`/sessions/${sessionId}`);
    await waitForOfflineReady(page);
    await page.waitForFunction(() => document.querySelector('input[name="js"]') !== null);

    await context.setOffline(true);
    await markThree(page);
    await page.getByRole("button", { name: "Hifadhi mahudhurio" }).click();
    await expect(page.getByText("Hakuna mtandao: mahudhurio yamehifadhiwa")).toBeVisible();
    await expect(page.getByTestId("outbox-waiting")).toContainText("1");

    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chukua mahudhurio");
    await expect(page.getByTestId("outbox-waiting")).toContainText("1");
    expect(marksOf(sessionId)).toHaveLength(0);

    const sent = page.waitForRequest((request) => request.method() === "POST" && request.headers()["x-kaizen-outbox"] === "1");
    await context.setOffline(false);
    const replay = await sent;
    await expect.poll(() => marksOf(sessionId).length).toBe(3);
    await expect(page.getByTestId("outbox-waiting")).toHaveCount(0);
    const changes = changesOf(sessionId);

    // The same stored save arrives twice more (say its answer was lost): nothing is added.
    for (let i = 0; i < 2; i++) {
      const again = await page.request.fetch(replay.url(), {
        method: "POST",
        headers: { "content-type": replay.headers()["content-type"]!, "x-kaizen-outbox": "1" },
        data: replay.postDataBuffer()!,
      });
      expect(again.status()).toBe(200);
      expect(await again.json()).toEqual({ ok: true });
    }
    const rows = marksOf(sessionId);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.personId)).size).toBe(3);
    expect(rows.every((r) => r.source === "offline")).toBe(true);
    expect(changesOf(sessionId)).toBe(changes);
  });
});
