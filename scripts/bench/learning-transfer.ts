// What an owner's phone downloads, measured in Chromium through the DevTools protocol (bytes on
// the wire, compressed, headers included) on the production server of `npm run bench`:
//   BENCH_BASE=http://localhost:3320 npx tsx scripts/bench/learning-transfer.ts
// First visits use an empty cache; "next lesson" is a tap on the lesson's "next" link after the
// first visit (client navigation: route data and any route chunk not yet loaded). Requests the
// service worker makes for itself (precaching) run in the worker and are not counted.
// First visits also report paint timings under Lighthouse's mobile conditions (slow 4G: 150 ms,
// 1.6 Mbit/s; CPU slowed 4x): first contentful paint, largest contentful paint and the total
// blocking time of long tasks until load. Lighthouse itself is the reference when installed.
import { chromium, type CDPSession, type Page } from "@playwright/test";

const BASE = process.env.BENCH_BASE ?? "http://localhost:3320";
const OWNER = process.env.BENCH_OWNER ?? "+254722000001";
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function meter(page: Page): Promise<{ session: CDPSession; take: () => { bytes: number; requests: number } }> {
  const session = await page.context().newCDPSession(page);
  await session.send("Network.enable");
  await session.send("Network.setCacheDisabled", { cacheDisabled: false });
  let bytes = 0;
  let requests = 0;
  session.on("Network.loadingFinished", (event) => {
    bytes += event.encodedDataLength;
    requests += 1;
  });
  return {
    session,
    take() {
      const result = { bytes, requests };
      bytes = 0;
      requests = 0;
      return result;
    },
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const signIn = await fetch(`${BASE}/sign-in`, { method: "POST", body: new URLSearchParams({ identifier: OWNER, password: "kaizen-demo" }), redirect: "manual" });
const token = /kaizen_session=([^;]+)/.exec(signIn.headers.get("set-cookie") ?? "")?.[1];
if (!token) throw new Error("could not sign in the demo owner");

try {
  for (const language of ["en", "sw", "am", "vi"]) {
    await fetch(`${BASE}/language`, { method: "POST", body: new URLSearchParams({ language, redirectTo: "/" }), headers: { cookie: `kaizen_session=${token}` }, redirect: "manual" });
    const figures: string[] = [];
    for (const path of ["/", "/lessons/seven-wastes", "/lessons/layout-and-flow/quiz/post"]) {
      // A fresh context is a phone that never opened the app: nothing cached, no service worker.
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "block" });
      await context.addCookies([{ name: "kaizen_session", value: token, url: BASE }]);
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __lcp: number; __tbt: number };
        w.__lcp = 0;
        w.__tbt = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__lcp = e.startTime;
        }).observe({ type: "largest-contentful-paint", buffered: true });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__tbt += Math.max(0, e.duration - 50);
        }).observe({ type: "longtask", buffered: true });
      });
      const { session, take } = await meter(page);
      await session.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
      await session.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      await page.goto(BASE + path, { waitUntil: "networkidle" });
      const first = take();
      const paint = await page.evaluate(() => {
        const w = window as unknown as { __lcp: number; __tbt: number };
        const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
        return { fcp, lcp: w.__lcp, tbt: w.__tbt };
      });
      await session.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await session.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      figures.push(
        `${path} first visit ${kb(first.bytes)} (${first.requests} requests; FCP ${paint.fcp.toFixed(0)} ms, LCP ${paint.lcp.toFixed(0)} ms, TBT ${paint.tbt.toFixed(0)} ms)`,
      );
      if (path.startsWith("/lessons/") && !path.includes("quiz")) {
        for (const label of ["next lesson", "the one after"]) {
          const before = page.url();
          await page.locator('a[rel="next"]').click();
          await page.waitForURL((url) => url.href !== before);
          await page.waitForLoadState("networkidle");
          await page.waitForTimeout(500);
          const next = take();
          figures.push(`${label} ${kb(next.bytes)} (${next.requests} requests)`);
        }
      }
      await context.close();
    }
    console.log(`${language}: ${figures.join(" · ")}`);
  }
} finally {
  await browser.close();
}
