// npm test: the whole suite from a fresh clone: install, type check, content check, unit tests,
// integration tests on SQLite and on PostgreSQL, production build, browser tests in Chromium.
// Ends with one line "tests: N passed, N failed" counting every test that ran.
import { existsSync, readFileSync, rmSync } from "node:fs";
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
try {
  rmSync("tmp/reports", { recursive: true, force: true });
  timed("install", ensureInstalled);
  timed("prisma generate", ensurePrismaClients);
  timed("type check", () => {
    step("Type check");
    run("npx", ["react-router", "typegen"]);
    run("npx", ["tsc"]);
  });
  timed("content check", () => {
    step("Content check");
    run("npx", ["tsx", "scripts/content-check.ts"]);
  });
  timed("unit + integration (SQLite, PostgreSQL)", () => {
    step("Unit tests, and integration tests on SQLite and on PostgreSQL");
    run("node", ["scripts/lib/require-postgres.mjs"]);
    run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=tmp/reports/vitest.json"]);
  });
  timed("build", () => ensureBuild({ force: true }));
  timed("browser tests", () => {
    step("Browser tests (Chromium)");
    run("npx", ["playwright", "test"]);
  });
} catch (error) {
  console.error(`\n✗ ${error.message}`);
  exitCode = error.exitCode ?? 1;
}

console.log("\nTimings:");
for (const [name, seconds] of timings) console.log(`  ${name.padEnd(42)} ${seconds.toFixed(1)} s`);
const { passed, failed } = counts();
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
