import { expect, expectNoAxeViolations, expectNoSidewaysScroll, screenshot, signInAs, test } from "./support/fixtures";

test.describe("languages", () => {
  test("one tap on the picker changes the language, and the choice sticks", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Kiswahili" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "sw");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ingia");
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "sw");
    await expect(page.getByRole("button", { name: "Kiswahili" })).toHaveAttribute("aria-pressed", "true");
  });

  test.describe("a browser that asks for Vietnamese", () => {
    test.use({ locale: "vi-VN", extraHTTPHeaders: { "Accept-Language": "vi-VN,vi;q=0.9" } });
    test("gets Vietnamese before anyone chose", async ({ page }) => {
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", "vi");
      await expect(page.getByRole("link", { name: "Đăng nhập" }).first()).toBeVisible();
    });
  });
});

test.describe("the lesson page", () => {
  for (const [language, phone, expectedTitle] of [
    ["am", "251922000001", /ካይዘን/],
    ["vi", "254722000002", /Kaizen/i],
    ["sw", "254722000003", /Kaizen/i],
    ["en", "251922000002", /Kaizen/i],
  ] as const) {
    test(`reads well at phone width in ${language}`, async ({ page }) => {
      await signInAs(page, { phone });
      // The person's own setting decides; switch it through the picker as a person would.
      await page.goto("/lessons/kaizen-mindset");
      await page.locator(`.language-picker button[value="${language}"]`).click();
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(expectedTitle);
      await expect(page.locator(".lesson-activity")).toBeVisible();
      await expectNoSidewaysScroll(page);
      await screenshot(page, `lesson-kaizen-mindset-${language}`);
    });
  }

  test("has no accessibility violations", async ({ page }) => {
    await signInAs(page, { phone: "254722000001" });
    await page.goto("/lessons/kaizen-mindset");
    await expect(page.locator(".lesson__body h2").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("is readable without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    await signInAs(page, { phone: "254722000001" });
    await page.goto("/lessons/kaizen-mindset");
    await expect(page.locator(".lesson__body p").first()).toBeVisible();
    await context.close();
  });

  test("a lesson that does not exist is a 404 in the reader's language", async ({ page }) => {
    await signInAs(page, { phone: "251922000003" });
    const response = await page.goto("/lessons/no-such-lesson");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ገጹ አልተገኘም");
  });
});
