// npm test: the whole suite from a fresh clone: install (packages, and Debian's Chromium with an
// Ethiopic font when missing), type check, content check, unit tests, integration tests on SQLite
// and on PostgreSQL, production build, browser tests in Chromium on a free port.
// Ends with one line "tests: N passed, N failed" counting every test, but only when every step
// ran: a step that stopped early ends with a line that says so, never one that reads as a pass.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { ensureBrowser, ensurePostgresStarted, freePort } from "./lib/machine.mjs";
import { ensureBuild, ensureInstalled, ensurePrismaClients, run, step } from "./lib/setup.mjs";

const timings = [];
const timed = (name, work) => {
  const started = Date.now();
  work();
  timings.push([name, (Date.now() - started) / 1000]);
};

function counts() {
  let passed = 0;
  let failed = 0;
  if (existsSync("tmp/reports/vitest.json")) {
    const report = JSON.parse(readFileSync("tmp/reports/vitest.json", "utf8"));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  }
  if (existsSync("tmp/reports/playwright.json")) {
    const stats = JSON.parse(readFileSync("tmp/reports/playwright.json", "utf8")).stats ?? {};
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
  }
  return { passed, failed };
}

let exitCode = 0;
let stoppedAt = null;
let current = null;
const stage = (name, work) => {
  current = name;
  timed(name, work);
};
// Another program on the usual port must not stop the browser tests.
const e2ePort = process.env.E2E_PORT ?? String(await freePort());
try {
  rmSync("tmp/reports", { recursive: true, force: true });
  stage("machine set-up", () => {
    ensureBrowser();
    ensurePostgresStarted();
  });
  stage("install", ensureInstalled);
  stage("prisma generate", ensurePrismaClients);
  stage("type check", () => {
    step("Type check");
    run("npx", ["react-router", "typegen"]);
    run("npx", ["tsc"]);
  });
  stage("content check", () => {
    step("Content check");
    run("npx", ["tsx", "scripts/content-check.ts"]);
  });
  stage("unit + integration (SQLite, PostgreSQL)", () => {
    step("Unit tests, and integration tests on SQLite and on PostgreSQL");
    run("node", ["scripts/lib/require-postgres.mjs"]);
    run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=tmp/reports/vitest.json"]);
  });
  stage("build", () => ensureBuild({ force: true }));
  stage("browser tests", () => {
    step(`Browser tests (Chromium, port ${e2ePort})`);
    run("npx", ["playwright", "test"], { env: { E2E_PORT: e2ePort } });
  });
} catch (error) {
  console.error(`\n✗ ${error.message}`);
  exitCode = error.exitCode ?? 1;
  stoppedAt = current;
}

console.log("\nTimings:");
for (const [name, seconds] of timings) console.log(`  ${name.padEnd(42)} ${seconds.toFixed(1)} s`);
const { passed, failed } = counts();
const steps = ["machine set-up", "install", "prisma generate", "type check", "content check", "unit + integration (SQLite, PostgreSQL)", "build", "browser tests"];
const notRun = stoppedAt ? steps.slice(steps.indexOf(stoppedAt) + 1) : [];
if (stoppedAt && failed === 0) {
  // Tests that never ran are not a pass: say which step stopped and what did not run.
  console.log(`\ntests: incomplete, "${stoppedAt}" failed${notRun.length ? `; not run: ${notRun.join(", ")}` : ""} (${passed} passed before it)`);
} else {
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
}
process.exit(exitCode || (failed > 0 ? 1 : 0));
