import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import sw from "../../app/i18n/locales/sw";
import { database, expect, expectNoAxeViolations, expectNoSidewaysScroll, screenshot, signInAs, test, twinTrainer } from "./support/fixtures";

/**
 * A real programme's first weeks: a typo at sign-in, a forgotten password, a new programme with
 * its own manager. Each test makes its own people, so that no demo account's password changes
 * under another test.
 */
function demoProgrammeId(): string {
  const db = database();
  try {
    return (db.prepare(`SELECT id FROM "Programme" WHERE isDemo = 1 ORDER BY createdAt LIMIT 1`).get() as { id: string }).id;
  } finally {
    db.close();
  }
}

/** A new person with the demo password ("kaizen-demo"), as an owner of a Kariobangi firm or an admin. */
function makePerson(options: { language: string; name: string; isAdmin?: boolean }): { phone: string; name: string; username: string } {
  const db = database();
  try {
    const source = db.prepare(`SELECT passwordHash, firmId FROM "User" WHERE phone = '254722000001'`).get() as { passwordHash: string; firmId: string };
    const id = `e2e_${randomBytes(8).toString("hex")}`;
    const phone = `2547${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`;
    const username = `p${id.slice(4)}`;
    const now = Date.now();
    db.prepare('INSERT INTO "User" (id, name, username, phone, passwordHash, language, isAdmin, firmId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id, options.name, username, phone, source.passwordHash, options.language, options.isAdmin ? 1 : 0, options.isAdmin ? null : source.firmId, now,
    );
    if (!options.isAdmin) {
      db.prepare('INSERT INTO "Membership" (id, userId, programmeId, role, createdAt) VALUES (?, ?, ?, ?, ?)').run(`${id}_owner`, id, demoProgrammeId(), "owner", now);
    }
    return { phone, name: options.name, username };
  } finally {
    db.close();
  }
}

async function anonymousPage(browser: Browser, options: { locale: string; javaScriptEnabled: boolean }): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 360, height: 740 },
    locale: options.locale,
    javaScriptEnabled: options.javaScriptEnabled,
  });
  return context.newPage();
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test.describe(`accounts ${mode}`, () => {
    test.use({ javaScriptEnabled });
    // Two people on two phones, several pages each: longer than one page's test on a busy machine.
    test.describe.configure({ timeout: 120_000 });

    test("after a wrong password the person types the right one and is signed in", async ({ page }) => {
      const owner = makePerson({ language: "en", name: `Akinyi Odhiambo ${mode}` });
      await page.goto("/sign-in");
      await page.getByLabel("Phone number, username or email").fill(`0${owner.phone.slice(3)}`);
      await page.getByLabel("Password").fill("kaizen-dem");
      await page.getByLabel("Password").press("Enter");
      await expect(page.getByRole("alert")).toContainText("is not right");
      await expect(page.getByLabel("Password")).toHaveValue("");
      // Typed key by key, as a person does: each key must stay in the field.
      await page.getByLabel("Password").pressSequentially("kaizen-demo", { delay: 30 });
      await expect(page.getByLabel("Password")).toHaveValue("kaizen-demo");
      await page.getByLabel("Password").press("Enter");
      await expect(page.locator(".site-header__name")).toHaveText(owner.name);
    });

    test("a forgotten password is reset with a trainer's code, in Kiswahili", async ({ page, browser }) => {
      const owner = makePerson({ language: "sw", name: `Mwanaisha Hamisi ${javaScriptEnabled ? "A" : "B"}${randomBytes(2).toString("hex")}` });
      const trainer = twinTrainer("254711000101", "sw");
      await signInAs(page, trainer);
      await page.goto(`/programmes/${demoProgrammeId()}/people`);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(sw.accounts.peopleTitle);
      await page.getByRole("listitem").filter({ hasText: owner.name }).getByRole("button", { name: sw.accounts.issueReset }).click();
      const code = (await page.locator(".reset-code__code").textContent())!.trim();
      expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

      const phone = await anonymousPage(browser, { locale: "sw", javaScriptEnabled });
      await phone.goto("/sign-in");
      await expect(phone.locator("html")).toHaveAttribute("lang", "sw");
      await phone.getByRole("link", { name: sw.accounts.useResetCode }).click();
      await expect(phone.getByRole("heading", { level: 1 })).toHaveText(sw.accounts.resetTitle);
      await phone.getByLabel(sw.accounts.identifier).fill(`0${owner.phone.slice(3)}`);
      await phone.getByLabel(sw.accounts.resetCode).fill(code.toLowerCase());
      await phone.getByLabel(sw.accounts.newPassword, { exact: true }).fill("12345678");
      await phone.getByLabel(sw.accounts.confirmPassword).fill("12345678");
      await phone.getByRole("button", { name: sw.accounts.savePassword }).click();
      await expect(phone.getByText(sw.accounts.passwordCommon)).toBeVisible();
      await expect(phone.getByLabel(sw.accounts.resetCode)).toHaveValue(code.toLowerCase());
      await phone.getByLabel(sw.accounts.newPassword, { exact: true }).fill("cherehani ya bibi");
      await phone.getByLabel(sw.accounts.confirmPassword).fill("cherehani ya bibi");
      await phone.getByRole("button", { name: sw.accounts.savePassword }).click();
      await expect(phone.getByText(sw.accounts.resetDone)).toBeVisible();
      await phone.getByLabel(sw.signIn.identifier).fill(`+${owner.phone}`);
      await phone.getByLabel(sw.signIn.password).fill("cherehani ya bibi");
      await phone.getByRole("button", { name: sw.signIn.submit }).click();
      await expect(phone.locator(".site-header__name")).toHaveText(owner.name);
      await phone.context().close();
    });

    test("an admin creates a programme and appoints its manager by code; the manager finds it at home and sets it up", async ({ page, browser }) => {
      const programme = `Arusha furniture ${javaScriptEnabled ? "JS" : "no JS"} ${randomBytes(3).toString("hex")}`;
      const managerName = "Neema Mushi";
      await signInAs(page, { username: "admin" });
      await page.goto("/admin");
      await page.getByLabel("Organisation", { exact: true }).selectOption({ index: 1 });
      await page.getByLabel("Programme name").fill(programme);
      await page.getByLabel("Start date").fill("2026-09-01");
      await page.locator("#programme").getByRole("button", { name: "Create" }).click();
      await expect(page.getByRole("status")).toContainText(`Programme ${programme} created`);
      // The list links each programme to its set-up and its people.
      const row = page.locator(".admin-programme", { hasText: programme });
      await expect(row).toContainText("0 classes · 0 businesses · 0 people");
      await page.getByRole("status").getByRole("link", { name: "People" }).click();
      await page.getByLabel("Name of the new manager").fill(managerName);
      await page.getByRole("button", { name: "Make a manager code" }).click();
      const notice = (await page.getByRole("status").textContent()) ?? "";
      const code = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(notice)?.[1];
      expect(code).toBeTruthy();

      const phone = await anonymousPage(browser, { locale: "en", javaScriptEnabled });
      await phone.goto(`/join?code=${code}`);
      await expect(phone.getByText(`This code makes your manager account for ${programme}`)).toBeVisible();
      await expect(phone.getByLabel("Your name")).toHaveValue(managerName);
      await phone.getByLabel("Username (if you have no phone)").fill(`neema${randomBytes(3).toString("hex")}`);
      await phone.getByLabel("Choose a password").fill("mbao za mninga");
      await phone.getByLabel("Type the password again").fill("mbao za mninga");
      await phone.getByRole("button", { name: "Make my account" }).click();
      await expect(phone.locator(".site-header__name")).toHaveText(managerName);
      const card = phone.locator("article", { has: phone.getByRole("heading", { name: programme }) });
      await expect(card).toContainText("Nothing is set up yet");
      await card.getByRole("link", { name: "Set up this programme" }).click();
      await expect(phone).toHaveTitle(new RegExp(`${programme}`));
      const cluster = phone.locator("form", { has: phone.getByRole("heading", { name: "Add a cluster" }) });
      // Clusters belong to the organisation, which the other mode's test shares: a name of its own.
      const clusterName = `Ngaramtoni ${randomBytes(3).toString("hex")}`;
      await cluster.getByLabel("Name").fill(clusterName);
      await cluster.getByLabel("Town").fill("Arusha");
      await cluster.getByLabel("Country").selectOption("TZ");
      await cluster.getByLabel("Sector").selectOption("other");
      await cluster.getByRole("button", { name: "Add a cluster" }).click();
      await expect(phone.locator("li strong", { hasText: clusterName })).toBeVisible();
      await expectNoSidewaysScroll(phone);
      await phone.context().close();
    });
  });
}

test.describe("the new account pages at phone width", () => {
  for (const language of ["en", "sw"]) {
    test(`/account, /reset and /admin in ${language} have no accessibility violations and fit a phone`, async ({ page, browser }) => {
      test.setTimeout(120_000);
      const person = makePerson({ language, name: language === "en" ? "Mary Atieno" : "Halima Said" });
      await signInAs(page, { phone: person.phone });
      await page.goto("/account");
      await expectNoAxeViolations(page);
      await expectNoSidewaysScroll(page);
      await screenshot(page, `account-${language}`);

      const admin = makePerson({ language, name: language === "en" ? "Joseph Kariuki" : "Zawadi Mrisho", isAdmin: true });
      await page.context().clearCookies();
      await signInAs(page, { username: admin.username });
      await page.goto("/admin");
      await expectNoAxeViolations(page);
      await screenshot(page, `admin-${language}`);

      const anonymous = await anonymousPage(browser, { locale: language, javaScriptEnabled: true });
      await anonymous.goto("/reset");
      await expectNoAxeViolations(anonymous);
      await expectNoSidewaysScroll(anonymous);
      await screenshot(anonymous, `reset-${language}`);
      await anonymous.context().close();
    });
  }
});
