import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { database, expect, expectNoAxeViolations, expectNoSidewaysScroll, findPerson, screenshot, signInAs, test, twinTrainer } from "./support/fixtures";

const KARIOBANGI = "Kariobangi metalwork 2026";
const MERKATO = "Merkato shoes 2026";
const PETER = "254711000101";
const HIWOT = "251911000201";
const DAY = 86_400_000;

function today(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/** A session of yesterday in a demo cohort at a start time no other test uses, with everyone on the roll marked absent. */
function heldSessionAllAbsent(cohortName: string, recorderId: string): { sessionId: string; cohortId: string } {
  const db = database();
  try {
    const cohort = db.prepare(`SELECT id FROM "Cohort" WHERE name = ?`).get(cohortName) as { id: string };
    const id = `e2e_${randomBytes(6).toString("hex")}`;
    const minute = String(Math.floor(Math.random() * 60)).padStart(2, "0");
    db.prepare(`INSERT INTO "ClassSession" (id, cohortId, date, startTime, endTime, venue, modules, createdAt, version) VALUES (?, ?, ?, ?, '23:59', 'E2E hall', '', ?, 0)`).run(
      id,
      cohort.id,
      today() - DAY,
      `05:${minute}`,
      Date.now(),
    );
    const people = db.prepare(`SELECT u.id FROM "User" u JOIN "Enrolment" e ON e.firmId = u.firmId WHERE e.cohortId = ?`).all(cohort.id) as { id: string }[];
    const insert = db.prepare(`INSERT INTO "Attendance" (id, sessionId, personId, status, recordedById, recordedAt, source, clientId) VALUES (?, ?, ?, 'absent', ?, ?, 'web', ?)`);
    for (const p of people) insert.run(randomUUID(), id, p.id, recorderId, Date.now(), randomUUID());
    return { sessionId: id, cohortId: cohort.id };
  } finally {
    db.close();
  }
}

/** A visit of yesterday to a Merkato firm, recorded (just now) by the given coach. */
function yesterdaysVisit(coachId: string, offset: number): { firmId: string; visitId: string } {
  const db = database();
  try {
    const firm = db
      .prepare(`SELECT f.id FROM Firm f JOIN Enrolment e ON e.firmId = f.id JOIN Cohort c ON c.id = e.cohortId WHERE c.name = ? ORDER BY f.name LIMIT 1 OFFSET ?`)
      .get(MERKATO, offset) as { id: string };
    const programme = db.prepare(`SELECT c.programmeId FROM Cohort c WHERE c.name = ?`).get(MERKATO) as { programmeId: string };
    const id = `e2e_${randomBytes(6).toString("hex")}`;
    db.prepare(
      `INSERT INTO CoachingVisit (id, clientId, programmeId, firmId, coachId, date, durationMinutes, notes, recordsMonthsSeen, checklistPacked, createdAt, version) VALUES (?, ?, ?, ?, ?, ?, 150, 'Seen the stores', 2, 'five_s_sort:1', ?, 0)`,
    ).run(id, randomUUID(), programme.programmeId, firm.id, coachId, today() - DAY, Date.now());
    db.prepare(`INSERT INTO ChecklistScore (visitId, itemKey, value) VALUES (?, 'five_s_sort', 1)`).run(id);
    return { firmId: firm.id, visitId: id };
  } finally {
    db.close();
  }
}

function sessionRow(id: string) {
  const db = database();
  try {
    return db.prepare(`SELECT venue, cancelledAt, cancelReason, version FROM ClassSession WHERE id = ?`).get(id) as { venue: string; cancelledAt: number | null; cancelReason: string | null; version: number };
  } finally {
    db.close();
  }
}

async function classRate(page: Page): Promise<string> {
  return (await page.locator("#figures-title ~ p").first().textContent()) ?? "";
}

test.describe("corrections with JavaScript", () => {
  test("a trainer cancels yesterday's session and the attendance percentages change", async ({ page }) => {
    test.slow();
    const twin = twinTrainer(PETER, "en");
    const me = await signInAs(page, twin);
    const { sessionId, cohortId } = heldSessionAllAbsent(KARIOBANGI, me.id);
    await page.goto(`/cohorts/${cohortId}`);
    const before = await classRate(page);
    await page.goto(`/sessions/${sessionId}/edit`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Change the session");
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
    await screenshot(page, "corrections-session-edit-en");
    await page.getByLabel("Why is it cancelled?").fill("The hall was closed");
    await page.getByRole("button", { name: "Cancel the session" }).click();
    await expect(page.getByTestId("correction-saved")).toContainText("cancelled: The hall was closed");
    expect(sessionRow(sessionId).cancelReason).toBe("The hall was closed");

    await page.goto(`/cohorts/${cohortId}`);
    const after = await classRate(page);
    // One held session fewer, and a session where everyone was absent no longer pulls the rate down.
    const held = (text: string) => Number(/(\d+) session/.exec(text)![1]);
    const rate = (text: string) => Number(/(\d+)%/.exec(text)![1]);
    expect(held(after)).toBe(held(before) - 1);
    expect(rate(after)).toBeGreaterThan(rate(before));
    await expect(page.locator(".session-list__cancelled")).toContainText("Cancelled: The hall was closed");
  });

  test("a trainer corrects yesterday's visit", async ({ page }) => {
    test.slow(); // the accessibility scan of the whole checklist takes a while
    const twin = twinTrainer(HIWOT, "en");
    const me = await signInAs(page, twin);
    const { firmId, visitId } = yesterdaysVisit(me.id, 3);
    await page.goto(`/firms/${firmId}/visits`);
    await page.locator(`#visit-${visitId}`).getByRole("link", { name: "Correct this visit" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Correct the visit");
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
    await screenshot(page, "corrections-visit-edit-en");
    await page.getByLabel("Length of the visit (minutes)").fill("95");
    await page.getByRole("button", { name: "Save the corrections" }).click();
    await expect(page.getByTestId("visit-saved")).toBeVisible();
    await page.getByRole("link", { name: "Back to the visits" }).click();
    await expect(page.locator(`#visit-${visitId}`)).toContainText("95 minutes");
  });

  test("the plan-a-session form forgets the last ticks after a save and refuses the same slot twice", async ({ page }) => {
    test.slow();
    const twin = twinTrainer(PETER, "en");
    await signInAs(page, twin);
    const db = database();
    const cohort = db.prepare(`SELECT id, programmeId FROM "Cohort" WHERE name = ?`).get(KARIOBANGI) as { id: string; programmeId: string };
    const { endsOn } = db.prepare(`SELECT endsOn FROM "Programme" WHERE id = ?`).get(cohort.programmeId) as { endsOn: number };
    db.close();
    // A day ahead and within the programme (sessions outside it are refused), rarely the same twice.
    const daysLeft = Math.floor((endsOn - today()) / DAY);
    // The weekly series of three below must end within the programme too: two weeks after the day.
    test.skip(daysLeft < 17, "the demo programme ends too soon to plan a series in it");
    const day = new Date(today() + (1 + Math.floor(Math.random() * Math.min(40, daysLeft - 16))) * DAY).toISOString().slice(0, 10);
    const minute = String(Math.floor(Math.random() * 60)).padStart(2, "0");
    await page.goto(`/cohorts/${cohort.id}`);
    const form = page.locator("section", { has: page.locator("#schedule-title") });
    const fill = async () => {
      await form.getByLabel("Date", { exact: true }).fill(day);
      await form.getByLabel("Starts at (hours:minutes)").fill(`07:${minute}`);
      await form.getByLabel("Ends at (hours:minutes)").fill("09:00");
      await form.getByLabel("Place").fill("Test yard");
    };
    await fill();
    const first = page.locator('input[name="modules"]').first();
    await first.check();
    await form.getByRole("button", { name: "Plan the session", exact: true }).click();
    await expect(page.getByTestId("schedule-saved")).toContainText("Scheduled:");
    await expect(page.locator('input[name="modules"]').first()).not.toBeChecked();
    await expect(form.getByLabel("Place")).toHaveValue("");

    await fill();
    await form.getByRole("button", { name: "Plan the session", exact: true }).click();
    await expect(form.locator(".field__errors").first()).toContainText("already has a session");
    await expect(page.getByTestId("schedule-saved")).toHaveCount(0);

    // A series is shown first, then saved.
    await form.getByLabel("Starts at (hours:minutes)").fill(`06:${minute}`);
    await form.getByLabel("How many sessions").fill("3");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("schedule-preview")).toContainText("3 sessions will be scheduled");
    await expectNoSidewaysScroll(page);
    await screenshot(page, "corrections-schedule-preview-en");
    await page.getByRole("button", { name: "Schedule these 3 sessions" }).click();
    await expect(page.getByTestId("schedule-saved")).toContainText("3 sessions scheduled");
  });
});

test.describe("corrections without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a trainer reschedules a session to another venue and withdraws a visit, in Kiswahili and Amharic", async ({ page }) => {
    test.slow();
    const me = await signInAs(page, { phone: PETER });
    const { sessionId } = heldSessionAllAbsent(KARIOBANGI, me.id);
    await page.goto(`/sessions/${sessionId}/edit`);
    await screenshot(page, "corrections-session-edit-sw");
    await page.getByRole("textbox", { name: "Mahali" }).fill("Ukumbi wa jamii");
    await page.getByRole("button", { name: "Hifadhi mabadiliko" }).click();
    await expect(page.getByTestId("correction-saved")).toBeVisible();
    expect(sessionRow(sessionId)).toMatchObject({ venue: "Ukumbi wa jamii", version: 1 });

    const hiwot = await signInAs(page, { phone: HIWOT });
    const { firmId, visitId } = yesterdaysVisit(hiwot.id, 4);
    await page.goto(`/firms/${firmId}/visits/${visitId}/edit`);
    await expectNoSidewaysScroll(page);
    await screenshot(page, "corrections-visit-edit-am");
    await page.locator("input[name=reason]").fill("ለተሳሳተ ድርጅት ተመዝግቧል");
    await page.locator("form", { has: page.locator("input[name=reason]") }).getByRole("button").click();
    await expect(page.getByTestId("visit-saved")).toContainText("ለተሳሳተ ድርጅት ተመዝግቧል");
    await page.goto(`/firms/${firmId}/visits`);
    await expect(page.locator(`#visit-${visitId}`)).toHaveClass(/visit-card--withdrawn/);
    await screenshot(page, "corrections-timeline-withdrawn-am");
  });
});
