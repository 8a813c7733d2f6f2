import { expect, signInAs, test } from "./support/fixtures";

/** Waits until the service worker controls the page and has stored what the page loaded. */
async function waitForOfflineReady(page: import("@playwright/test").Page) {
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.ready;
    return Boolean(registration.active && navigator.serviceWorker.controller);
  });
  await page.waitForFunction(async () => {
    const cache = await caches.open("kaizen-pages-v1");
    return (await cache.keys()).some((request) => new URL(request.url).pathname === location.pathname);
  });
}

test.describe("reading without a network", () => {
  test("an owner reopens a lesson they opened before, and a page never opened says so plainly", async ({ page, context }) => {
    await signInAs(page, { phone: "254722000001" });
    await page.goto("/lessons/kaizen-mindset");
    await waitForOfflineReady(page);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Kaizen/);
    await expect(page.locator(".lesson-activity")).toBeVisible();
    await expect(page.getByText("Huna mtandao")).toBeVisible();

    const response = await page.goto("/lessons/customers-and-pdca");
    expect(response?.status()).toBe(503);
    await expect(page.getByText("No network, and this page was not saved on this phone.")).toBeVisible();
    await context.setOffline(false);
  });
});
