// npm run bench:lighthouse: Lighthouse (mobile) performance and accessibility for the pages owners
// use most, in each language. Lighthouse is fetched by npx on first use (12.2.3: later versions
// need Node 22 or break `npm ci` here), so it is not one of the project's dependencies.
//   LH_PAGES="/,/lessons/kaizen-mindset" limits the pages; LH_LANGUAGES="am,vi" the languages.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const PORT = Number(process.env.BENCH_PORT ?? 3398);
const BASE = `http://localhost:${PORT}`;
const DB = "tmp/bench-lh/app.db";
// The demo owner has taken kaizen-mindset's pre-test (its quiz URL redirects to the result): the
// quiz page is layout-and-flow's post-test, as in learning-transfer.ts.
const PAGES = (process.env.LH_PAGES ?? "/,/lessons/kaizen-mindset,/lessons/layout-and-flow/quiz/post").split(",");
const LANGUAGES = (process.env.LH_LANGUAGES ?? "en,sw,am,vi").split(",");
const CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run";

mkdirSync("tmp/bench-lh", { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${DB}${suffix}`, { force: true });
if (spawnSync("npx", ["tsx", "scripts/db/seed-demo.ts"], { env: { ...process.env, DATABASE_URL: `file:./${DB}` }, stdio: "ignore" }).status !== 0) {
  throw new Error("could not load the demo programme");
}
const server = spawn(process.execPath, ["server.js"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), DATABASE_URL: `file:./${DB}`, LOG_LEVEL: "warn" },
  stdio: "inherit",
});

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start");
}

// After minutes of Lighthouse, the first request may meet a kept-alive socket the server has
// just closed ("other side closed"): try once more.
const post = (url: string, init: RequestInit) => fetch(url, { method: "POST", ...init }).catch(() => fetch(url, { method: "POST", ...init }));

async function cookieFor(language: string): Promise<string> {
  const response = await post(`${BASE}/sign-in`, {
    body: new URLSearchParams({ identifier: "+254722000001", password: "kaizen-demo" }),
    redirect: "manual",
  });
  const session = (response.headers.get("set-cookie") ?? "").split(";")[0]!;
  // The owner's own setting decides the language; change it the way the picker does.
  await post(`${BASE}/language`, { body: new URLSearchParams({ language, redirectTo: "/" }), headers: { cookie: session }, redirect: "manual" });
  return session;
}

try {
  await waitForServer();
  console.log("Lighthouse mobile (performance / accessibility, total transfer):");
  for (const language of LANGUAGES) {
    const cookie = await cookieFor(language);
    for (const page of PAGES) {
      const out = `tmp/bench-lh/${language}${page.replace(/\W+/g, "_")}.json`;
      const run = spawnSync(
        "npx",
        ["--yes", "lighthouse@12.2.3", `${BASE}${page}`, "--quiet", `--chrome-flags=${CHROME_FLAGS}`, `--extra-headers=${JSON.stringify({ Cookie: cookie })}`, "--only-categories=performance,accessibility", "--output=json", `--output-path=${out}`],
        { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" }, stdio: "ignore" },
      );
      if (run.status !== 0) {
        console.log(`  ${language} ${page}: lighthouse failed (exit ${run.status})`);
        continue;
      }
      const report = JSON.parse(readFileSync(out, "utf8"));
      const perf = Math.round(report.categories.performance.score * 100);
      const a11y = Math.round(report.categories.accessibility.score * 100);
      const bytes = report.audits["total-byte-weight"].numericValue / 1024;
      console.log(`  ${language} ${page.padEnd(40)} ${String(perf).padStart(3)} / ${String(a11y).padStart(3)}   ${bytes.toFixed(0)} KiB`);
    }
  }
} finally {
  server.kill();
}
