import { defineConfig, devices } from "@playwright/test";

// Browser tests drive Debian's Chromium (/usr/bin/chromium): Playwright's own browser downloads
// cannot work here. The server is the production build on its own SQLite file with the demo data.
const PORT = Number(process.env.E2E_PORT ?? 3300);
export const E2E_DATABASE_URL = "file:./tmp/e2e/app.db";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "tmp/e2e/results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "tmp/reports/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    ...devices["Pixel 5"],
    viewport: { width: 360, height: 740 },
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
    trace: "retain-on-failure",
  },
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://localhost:${PORT}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { PORT: String(PORT), DATABASE_URL: E2E_DATABASE_URL },
  },
});
