import { database, expect, expectNoSidewaysScroll, screenshot, signInAs, test } from "./support/fixtures";

/** The n-th open owner's code of the demo data: each test takes its own, so parallel tests never race for one. */
function openOwnerCode(n: number): { code: string; name: string } {
  const db = database();
  try {
    return db
      .prepare(`SELECT code, name FROM "Invitation" WHERE role = 'owner' AND userId IS NOT NULL ORDER BY code LIMIT 1 OFFSET ?`)
      .get(n) as { code: string; name: string };
  } finally {
    db.close();
  }
}

test.describe("joining with an invitation code", () => {
  test("an owner on the roster makes their account with the code and is signed in", async ({ page }) => {
    const { code, name } = openOwnerCode(0);
    await page.goto(`/join?code=${code}`);
    await page.getByLabel("Your name").fill(name);
    await page.getByLabel("Username (if you have no phone)").fill(`owner${code.toLowerCase()}`);
    await page.getByLabel("Choose a password").fill("my workshop 2026");
    await page.getByLabel("Type the password again").fill("my workshop 2026");
    await page.getByLabel("Your language", { exact: true }).selectOption("sw");
    await expectNoSidewaysScroll(page);
    await page.getByRole("button", { name: "Make my account" }).click();
    await expect(page.locator(".site-header__name")).toHaveText(name);
    await expect(page.locator("html")).toHaveAttribute("lang", "sw");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("mistakes are shown beside the fields and nothing typed but the passwords is lost", async ({ page }) => {
      const { code, name } = openOwnerCode(1);
      await page.goto(`/join?code=${code}`);
      await page.getByLabel("Your name").fill(name);
      await page.getByLabel("Phone number").fill("0712");
      await page.getByLabel("Choose a password").fill("my workshop 2026");
      await page.getByLabel("Type the password again").fill("my workshop 2027");
      await page.getByRole("button", { name: "Make my account" }).click();
      await expect(page.getByText("Write the number with the country code")).toBeVisible();
      await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
      await expect(page.getByLabel("Your name")).toHaveValue(name);
      await expect(page.getByLabel("Invitation code")).toHaveValue(code);
      await expect(page.getByLabel("Choose a password")).toHaveValue("");
      await screenshot(page, "join-errors-en");
    });
  });
});

test.describe("administration", () => {
  test("an admin creates an organisation after fixing a mistake", async ({ page }) => {
    await signInAs(page, { username: "admin" });
    await page.goto("/admin");
    await page.getByLabel("Organisation name").fill("X");
    await page.getByRole("button", { name: "Create" }).first().click();
    await expect(page.getByText("This is too short.")).toBeVisible();
    await page.getByLabel("Organisation name").fill("Tanzania Small Industries Agency");
    await page.getByLabel("Country").selectOption("TZ");
    await page.getByRole("button", { name: "Create" }).first().click();
    await expect(page.getByRole("cell", { name: "Tanzania Small Industries Agency" })).toBeVisible();
  });

  test("an owner is refused the administration page, in their language", async ({ page }) => {
    await signInAs(page, { phone: "254722000003" }); // a Kiswahili owner no other test moves to another language
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hairuhusiwi");
  });

  test("a manager sees the programme's open codes, ready to print", async ({ page }) => {
    await signInAs(page, { username: "manager" });
    await page.goto("/");
    await page.getByRole("link", { name: "Invitation codes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Invitation codes");
    await expect(page.locator("td.code").first()).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await screenshot(page, "invitations-en");
  });
});
