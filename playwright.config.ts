import { defineConfig, devices } from "@playwright/test";

// Browser tests drive Debian's Chromium (/usr/bin/chromium): Playwright's own browser downloads
// cannot work here. The server is the production build on its own SQLite file with the demo data.
// E2E_PORT lets two runs share a machine: each gets its own port, database and output folder.
const PORT = Number(process.env.E2E_PORT ?? 3300);
const RUN_DIR = `tmp/e2e-${PORT}`;
process.env.E2E_DATABASE_FILE = `${RUN_DIR}/app.db`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: `${RUN_DIR}/results`,
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
    env: { PORT: String(PORT), DATABASE_URL: `file:./${RUN_DIR}/app.db` },
  },
});
