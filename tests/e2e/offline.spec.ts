import { expect, signInAs, test, waitForOfflineReady } from "./support/fixtures";

test.describe("reading without a network", () => {
  test("an owner reopens a lesson they opened before, and a page never opened says so plainly", async ({ page, context }) => {
    await signInAs(page, { phone: "254722000001" });
    await page.goto("/lessons/kaizen-mindset");
    await waitForOfflineReady(page);

    await context.setOffline(true);
    await page.reload();
    await expect(page.locator(".lesson__body")).toBeVisible();
    await expect(page.locator(".lesson-activity")).toBeVisible();
    await expect(page.getByText("Huna mtandao")).toBeVisible();

    const response = await page.goto("/lessons/customers-and-pdca");
    expect(response?.status()).toBe(503);
    await expect(page.getByText("No network, and this page was not saved on this phone.")).toBeVisible();
    await context.setOffline(false);
  });
});
