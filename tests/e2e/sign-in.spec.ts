import { expect, expectNoAxeViolations, expectNoSidewaysScroll, screenshot, test } from "./support/fixtures";

test.describe("signing in", () => {
  test("the sign-in page has no accessibility violations and fits a phone", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await screenshot(page, "sign-in-en");
  });

  test("an owner signs in with a local phone number and sees their name and role in their language", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Phone number, username or email").fill("0722 000 001");
    await page.getByLabel("Password").fill("kaizen-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    // The owner's own setting is Kiswahili: the page follows it after sign-in.
    await expect(page.locator("html")).toHaveAttribute("lang", "sw");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Habari");
    await expect(page.locator(".site-header__role")).toHaveText("Mmiliki wa biashara");
    await screenshot(page, "owner-home-sw");
  });

  test("a wrong password is refused beside the form, and the password is not kept", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Phone number, username or email").fill("manager");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("is not right");
    await expect(page.getByLabel("Phone number, username or email")).toHaveValue("manager");
    await expect(page.getByLabel("Password")).toHaveValue("");
  });

  test("someone not signed in is sent to sign in and then back to the lesson they opened", async ({ page }) => {
    await page.goto("/lessons/kaizen-mindset");
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Flessons%2Fkaizen-mindset/);
    await page.getByLabel("Phone number, username or email").fill("+251 922 000 001");
    await page.getByLabel("Password").fill("kaizen-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/lessons\/kaizen-mindset$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "am");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("signing in, the errors and signing out all work as plain forms", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#" + (await page.getByLabel("Password").getAttribute("aria-describedby"))!.split(" ")[0])).toContainText(
      "Please fill this in.",
    );
    await page.getByLabel("Phone number, username or email").fill("trainer.nairobi");
    await page.getByLabel("Password").fill("kaizen-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".site-header__name")).toHaveText("Peter Mwangi");
    await page.getByRole("button", { name: /Toka|Sign out/ }).click();
    await expect(page.getByRole("link", { name: /Ingia|Sign in/ }).first()).toBeVisible();
  });
});
