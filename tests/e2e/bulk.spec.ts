import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { database, expect, expectNoAxeViolations, expectNoSidewaysScroll, screenshot, signInAs, test, twinTrainer } from "./support/fixtures";

const HEADER = "cohort,cluster,firm_name,sector,workers,founded_year,owner_name,owner_phone,owner_language,consent_date";

function demo() {
  const db = database();
  try {
    const cohort = db.prepare(`SELECT id, name, programmeId FROM "Cohort" WHERE name = 'Kariobangi metalwork 2026'`).get() as { id: string; name: string; programmeId: string };
    const cluster = db.prepare(`SELECT name FROM "Cluster" WHERE country = 'KE'`).get() as { name: string };
    return { cohortId: cohort.id, cohort: cohort.name, programmeId: cohort.programmeId, cluster: cluster.name };
  } finally {
    db.close();
  }
}

/** A manager of the demo programme of one's own, in the language the test reads (tests run in parallel). */
function twinManager(language: string): { username: string } {
  const db = database();
  try {
    const original = db.prepare(`SELECT id, name FROM "User" WHERE email = 'manager@demo.kaizen.test'`).get() as { id: string; name: string };
    const id = `e2e_${randomBytes(8).toString("hex")}`;
    const now = Date.now();
    db.prepare('INSERT INTO "User" (id, name, username, language, isAdmin, createdAt) VALUES (?, ?, ?, ?, 0, ?)').run(id, original.name, `twin.${id}`, language, now);
    for (const m of db.prepare('SELECT programmeId, role FROM "Membership" WHERE userId = ?').all(original.id) as { programmeId: string; role: string }[]) {
      db.prepare('INSERT INTO "Membership" (id, userId, programmeId, role, createdAt) VALUES (?, ?, ?, ?, ?)').run(`${id}_${m.role}_${m.programmeId}`, id, m.programmeId, m.role, now);
    }
    return { username: `twin.${id}` };
  } finally {
    db.close();
  }
}

function count(sql: string, ...values: unknown[]): number {
  const db = database();
  try {
    return (db.prepare(sql).get(...values) as { n: number }).n;
  } finally {
    db.close();
  }
}

for (const javaScript of [true, false]) {
  test.describe(`JavaScript ${javaScript ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test("a manager imports a roster twice: the second time three late joiners are added and the others left alone", async ({ page }) => {
      test.slow(); // two imports and two pages of codes on a busy machine
      await signInAs(page, twinManager("en"));
      const d = demo();
      const tag = randomBytes(3).toString("hex");
      const digits = String(Date.now()).slice(-6) + (javaScript ? "1" : "2");
      const phone = (i: number) => `+254 74${i} ${digits.slice(0, 3)} ${digits.slice(3)}`;
      const row = (i: number, name = `Owner ${i} ${tag}`) => `${d.cohort};${d.cluster};Late Firm ${i} ${tag};metalwork;3;2018;${name};${phone(i)};sw;2026-02-0${i + 1}`;
      const first = [HEADER.replace(/,/g, ";"), row(1), row(2)].join("\n");
      const second = "\uFEFF" + [HEADER.replace(/,/g, ";"), row(1), row(2), row(3), row(4), row(5)].join("\r\n");

      await page.goto(`/programmes/${d.programmeId}/roster`);
      await page.getByLabel("CSV file").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(first) });
      await page.getByRole("button", { name: "Check the file" }).click();
      await expect(page.getByText("2 new owners")).toBeVisible();
      await page.getByRole("button", { name: "Save all 2 owners" }).click();
      await expect(page.getByText("2 owners saved.")).toBeVisible();

      await page.goto(`/programmes/${d.programmeId}/roster`);
      await page.getByLabel("CSV file").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(second) });
      await page.getByRole("button", { name: "Check the file" }).click();
      const counts = page.getByTestId("roster-counts");
      await expect(counts).toContainText("3 new owners");
      await expect(counts).toContainText("0 owners with changes");
      await expect(counts).toContainText("2 owners already on the roster, unchanged");
      await expectNoSidewaysScroll(page);
      if (javaScript) {
        await expectNoAxeViolations(page);
        await screenshot(page, "roster-reimport-preview-en");
      }
      expect(count(`SELECT COUNT(*) AS n FROM "User" WHERE name LIKE ?`, `Owner % ${tag}`)).toBe(2);
      await page.getByRole("button", { name: "Save all 3 owners" }).click();
      await expect(page.getByText("3 owners saved.")).toBeVisible();
      expect(count(`SELECT COUNT(*) AS n FROM "User" WHERE name LIKE ?`, `Owner % ${tag}`)).toBe(5);
      expect(count(`SELECT COUNT(*) AS n FROM "Firm" WHERE name LIKE ?`, `Late Firm % ${tag}`)).toBe(5);
    });
  });
}

test("the re-import preview in Kiswahili names each change", async ({ page }) => {
  test.slow(); // a full-page screenshot of a long page on a busy machine
  await signInAs(page, twinManager("sw"));
  const d = demo();
  const db = database();
  const owner = db.prepare(`SELECT u.name, u.phone, f.name AS firm FROM "User" u JOIN "Firm" f ON f.id = u.firmId JOIN "Enrolment" e ON e.firmId = f.id WHERE e.cohortId = ? AND u.phone IS NOT NULL ORDER BY u.phone LIMIT 1`).get(d.cohortId) as { name: string; phone: string; firm: string };
  db.close();
  const csv = [HEADER, `${d.cohort},${d.cluster},${owner.firm},metalwork,9,,${owner.name} Jr,+${owner.phone},,`].join("\n");
  await page.goto(`/programmes/${d.programmeId}/roster`);
  await page.getByLabel("Au bandika mistari hapa").fill(csv);
  await page.getByRole("button", { name: /Kagua/ }).click();
  await expect(page.getByTestId("roster-counts")).toContainText("Mmiliki 1 mwenye mabadiliko");
  await expect(page.getByText(`Jina: kutoka ${owner.name} hadi ${owner.name} Jr`)).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screenshot(page, "roster-reimport-preview-sw");
});

test("a manager prints cut-out code slips for one class, each with a QR code, without menus or buttons", async ({ page }) => {
  test.slow(); // printing a PDF of every slip
  await signInAs(page, twinManager("en"));
  const d = demo();
  await page.goto(`/programmes/${d.programmeId}/codes`);
  await page.getByLabel("Class").selectOption({ label: d.cohort });
  await page.getByLabel("Slips to cut out").check();
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/layout=slips/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Invitation codes: ${d.cohort}`);
  const slips = page.locator(".slip");
  expect(await slips.count()).toBeGreaterThan(0);
  await expect(slips.first().getByRole("img", { name: /QR code that opens the join page with the code/ })).toBeVisible();
  await expect(slips.first()).toContainText(/localhost:\d+\/join/);
  // Every code shown is of this class (the other class's codes are left off).
  await expect(slips.filter({ hasNotText: d.cohort })).toHaveCount(0);
  expect(count(`SELECT COUNT(*) AS n FROM "Invitation" WHERE programmeId = ? AND cohortId <> ? AND role = 'owner' AND redeemedAt IS NULL`, d.programmeId, d.cohortId)).toBeGreaterThan(0);
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
  await screenshot(page, "codes-slips-en");

  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("button", { name: "Show" })).toBeHidden();
  await expect(slips.first()).toBeVisible();
  const folder = `${test.info().project.outputDir}/../screenshots`;
  mkdirSync(folder, { recursive: true });
  await page.pdf({ path: `${folder}/codes-slips.pdf`, format: "A4", printBackground: true });
  // A picture of the first printed page, to look at (poppler-utils).
  try {
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", `${folder}/codes-slips.pdf`, `${folder}/codes-slips-pdf`]);
  } catch {
    test.info().annotations.push({ type: "note", description: "pdftoppm is missing: the PDF was not turned into a picture" });
  }

  // The QR code's address opens /join with the code filled in.
  const code = (await slips.first().locator(".slip__code").innerText()).trim();
  await page.context().clearCookies();
  await page.emulateMedia({ media: "screen" });
  await page.goto(`/join?code=${encodeURIComponent(code)}`);
  await expect(page.getByLabel(/invitation code/i)).toHaveValue(code);
});

test("the printable codes page speaks the manager's language", async ({ page }) => {
  test.slow(); // a full-page screenshot of a long page on a busy machine
  await signInAs(page, twinManager("sw"));
  const d = demo();
  await page.goto(`/programmes/${d.programmeId}/codes?cohort=${d.cohortId}&layout=slips`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Misimbo ya mwaliko: ${d.cohort}`);
  await expectNoSidewaysScroll(page);
  await screenshot(page, "codes-slips-sw");
});

for (const [language, texts] of [
  ["en", { submit: "Record the decisions", scope: "Which firms", count: "How many from the top", decision: "Decision", reason: /Reason, written once/, saved: /decisions? saved: Selected/, class: "Class: " }],
  ["sw", { submit: "Hifadhi maamuzi", scope: "Biashara zipi", count: "Ngapi kutoka juu", decision: "Uamuzi", reason: /Sababu, imeandikwa/, saved: /(Uamuzi|Maamuzi) \d+ (umehifadhiwa|yamehifadhiwa): Imechaguliwa/, class: "Darasa: " }],
] as const) {
  test(`a manager selects the top 10 of a class in one step (${language})`, async ({ page }) => {
    test.slow(); // a full-page screenshot of a long page on a busy machine
    await signInAs(page, twinManager(language));
    const d = demo();
    const reason = `Top 10 for the equipment loan ${randomBytes(3).toString("hex")}`;
    await page.goto(`/programmes/${d.programmeId}/screening/bulk`);
    await page.getByLabel(texts.scope).selectOption({ label: `${texts.class}${d.cohort}` });
    await page.getByLabel(texts.count).fill("10");
    await page.getByLabel(texts.decision, { exact: true }).selectOption("selected");
    await page.getByLabel(texts.reason).fill(reason);
    await page.getByRole("button", { name: texts.submit }).click();
    const done = page.getByRole("status").filter({ has: page.getByRole("heading", { level: 2 }) });
    await expect(done.getByRole("heading", { level: 2 })).toHaveText(texts.saved);
    const written = count(`SELECT COUNT(*) AS n FROM "Selection" WHERE reason = ?`, reason);
    // Firms of the ten that another test already selected are left as they were.
    expect(await done.locator("tbody tr").count()).toBe(written);
    if (written === 10) expect(count(`SELECT COUNT(DISTINCT modelVersion) AS n FROM "Selection" WHERE reason = ? AND decision = 'selected' AND scoreSnapshot LIKE '{%'`, reason)).toBe(1);
    // The form is ready for the next batch.
    await expect(page.getByLabel(texts.reason)).toHaveValue("");
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
    await screenshot(page, `bulk-selection-${language}`);
  });
}

test("an empty selection says so and writes nothing", async ({ page }) => {
  await signInAs(page, twinManager("en"));
  const d = demo();
  const before = count(`SELECT COUNT(*) AS n FROM "Selection"`);
  await page.goto(`/programmes/${d.programmeId}/screening/bulk`);
  await page.getByLabel("How many from the top").fill("0");
  await page.getByLabel(/Reason, written once/).fill("Nobody");
  await page.getByRole("button", { name: "Record the decisions" }).click();
  await expect(page.getByText("Write a whole number.")).toBeVisible();
  expect(count(`SELECT COUNT(*) AS n FROM "Selection"`)).toBe(before);
});

test("a trainer finds an owner of their class by phone written the local way, calls with one tap, and never finds another class's owners", async ({ page }) => {
  await signInAs(page, twinTrainer("254711000101", "en"));
  await page.goto("/");
  await page.getByRole("link", { name: "Find an owner or business" }).click();
  await page.getByLabel("Name, business or phone").fill("0722 000 001");
  await page.getByRole("button", { name: "Search" }).click();
  const results = page.getByTestId("search-results");
  // The firm is listed with all its owners (other tests may add one): the owner called is among them.
  await expect(results.locator('a[href="tel:+254722000001"]')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
  await screenshot(page, "search-en");

  await page.getByLabel("Name, business or phone").fill("+251 922 000 001");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("Nothing found for “+251 922 000 001” among the classes you can see.")).toBeVisible();
});

test("a Kiswahili trainer sees who to call below the attendance threshold, with their phones", async ({ page }) => {
  test.slow(); // four full-page screenshots and two accessibility checks
  await signInAs(page, twinTrainer("254711000101", "sw"));
  const d = demo();
  await page.goto("/search?q=0722");
  await expect(page.getByRole("heading", { name: /Biashara \d+ (imepatikana|zimepatikana)/ })).toBeVisible();
  await screenshot(page, "search-sw");
  await page.getByRole("link", { name: new RegExp(d.cohort) }).click();
  await expect(page).toHaveURL(new RegExp(`/cohorts/${d.cohortId}/to-call`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Wa kupigiwa simu: ${d.cohort}`);
  const list = page.getByTestId("to-call");
  const items = await list.locator(":scope > li").count();
  if (items > 0) await expect(list.locator("a[href^='tel:+']").first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
  await screenshot(page, "to-call-sw");
  await signInAs(page, twinTrainer("254711000101", "en"));
  await page.reload();
  await screenshot(page, "to-call-en");
});

test("the attendance sheet has present, late and excused boxes and five rows for walk-ins", async ({ page }) => {
  test.slow(); // a full-page screenshot of a long page on a busy machine
  await signInAs(page, twinTrainer("254711000101", "en"));
  const d = demo();
  const db = database();
  const session = db.prepare(`SELECT id FROM "ClassSession" WHERE cohortId = ? ORDER BY date DESC LIMIT 1`).get(d.cohortId) as { id: string };
  db.close();
  await page.goto(`/sessions/${session.id}/sheet`);
  for (const name of ["Present", "Late", "Excused", "Signature"]) await expect(page.getByRole("columnheader", { name })).toBeVisible();
  await expect(page.locator("tr.sheet__walk-in")).toHaveCount(5);
  expect(await page.locator("tbody tr").count()).toBeGreaterThan(25);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("link", { name: "Take the roll" })).toBeHidden();
  await screenshot(page, "attendance-sheet-ticks-en");
});
