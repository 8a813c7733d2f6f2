// npm run bench: prints the figures the budgets are judged by. Nothing here passes or fails.
//   - what an owner's phone downloads on a first visit to a lesson (gzip), and how much of it is JavaScript
//   - server time for the pages owners use most
//   - the screening of 10,000 synthetic firms
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { makeSyntheticProgramme } from "../../app/modules/screening/engine.bench-data";
import { screen } from "../../app/modules/screening/engine";
import { DEFAULT_SCREENING_MODEL } from "../../app/modules/screening/model";
import { benchAttendanceRates, benchRollCall } from "./attendance"; // class delivery (issue 3)
import { benchPracticeFigures, benchVisitSave } from "./coaching"; // coaching (issue 5)
import { benchOversize } from "./oversize"; // request limits: memory under oversized requests

import { benchExperimentAnalysis } from "./experiments"; // randomised evaluation (issue 15)

const PORT = Number(process.env.BENCH_PORT ?? 3399);
const BASE = `http://localhost:${PORT}`;
const DB = "tmp/bench/app.db";

function kb(bytes: number) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function startServer() {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${DB}${suffix}`, { force: true });
  const seed = spawnSync("npx", ["tsx", "scripts/db/seed-demo.ts"], { env: { ...process.env, DATABASE_URL: `file:./${DB}` }, stdio: "ignore" });
  if (seed.status !== 0) throw new Error("could not load the demo programme");
  const server = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), DATABASE_URL: `file:./${DB}`, LOG_LEVEL: "warn" },
    stdio: "inherit",
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return server;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error("the server did not start");
}

async function signIn(identifier: string): Promise<string> {
  const body = new URLSearchParams({ identifier, password: "kaizen-demo" });
  const response = await fetch(`${BASE}/sign-in`, { method: "POST", body, redirect: "manual" });
  const cookie = response.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0]!;
}

async function firstVisit(path: string, cookie: string) {
  const html = await (await fetch(`${BASE}${path}`, { headers: { cookie } })).text();
  const assets = new Set<string>();
  for (const m of html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:js|css))"/g)) assets.add(m[1]!);
  for (const m of html.matchAll(/import\("(\/assets\/[^"]+\.js)"\)/g)) assets.add(m[1]!);
  for (const m of html.matchAll(/"(\/assets\/[^"]+\.js)"/g)) assets.add(m[1]!);
  const dictionary = /data-texts="([^"]+)"/.exec(html)?.[1];
  let js = 0;
  let css = 0;
  for (const asset of assets) {
    const body = Buffer.from(await (await fetch(`${BASE}${asset}`)).arrayBuffer());
    if (asset.endsWith(".js")) js += gzipSync(body).length;
    else css += gzipSync(body).length;
  }
  const dict = dictionary ? gzipSync(Buffer.from(await (await fetch(`${BASE}${dictionary.replace(/&amp;/g, "&")}`)).arrayBuffer())).length : 0;
  const htmlGz = gzipSync(Buffer.from(html)).length;
  return { html: htmlGz, js, css, dict, total: htmlGz + js + css + dict, files: assets.size };
}

async function timePage(path: string, cookie: string, count = 200) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${BASE}${path}`, { headers: { cookie } });
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

function benchScreening() {
  const { firms } = makeSyntheticProgramme(10_000, 42);
  screen(firms, DEFAULT_SCREENING_MODEL, { comparisonGroup: "cohort" });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    screen(firms, DEFAULT_SCREENING_MODEL, { comparisonGroup: "cohort" });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), fastest: times[0]! };
}

const server = await startServer();
try {
  const owner = await signIn("+254722000001");
  console.log("First visit to a lesson (owner, gzip):");
  const lesson = await firstVisit("/lessons/kaizen-mindset", owner);
  console.log(`  HTML ${kb(lesson.html)} · JS ${kb(lesson.js)} in ${lesson.files} files · CSS ${kb(lesson.css)} · texts ${kb(lesson.dict)} · total ${kb(lesson.total)}`);
  const next = await fetch(`${BASE}/lessons/seven-wastes.data`, { headers: { cookie: owner } });
  const nextBody = Buffer.from(await next.arrayBuffer());
  console.log(`Next lesson by client navigation (.data, gzip): ${kb(gzipSync(nextBody).length)}`);
  // Learning (issue 4): the owner's home and a quiz on a first visit, same measure as the lesson
  for (const path of ["/", "/lessons/layout-and-flow/quiz/pre"]) {
    const page = await firstVisit(path, owner);
    console.log(`First visit to ${path} (owner, gzip): HTML ${kb(page.html)} · JS ${kb(page.js)} in ${page.files} files · CSS ${kb(page.css)} · texts ${kb(page.dict)} · total ${kb(page.total)}`);
  }
  // End of learning

  console.log("Server time per request (200 in a row, one client):");
  for (const path of ["/lessons/kaizen-mindset", "/", "/sign-in"]) {
    const { median, p95 } = await timePage(path, path === "/sign-in" ? "" : owner);
    console.log(`  ${path.padEnd(26)} median ${median.toFixed(1)} ms · p95 ${p95.toFixed(1)} ms`);
  }
  // Class delivery (issue 3): saving a 50-person roll-call through the server
  {
    const trainer = await signIn("+254711000101");
    const roll = await benchRollCall(BASE, DB, trainer);
    console.log(`Roll-call of 50 people, one save (30 in a row): median ${roll.median.toFixed(1)} ms · p95 ${roll.p95.toFixed(1)} ms · replay of a save already applied: median ${roll.replayMedian.toFixed(1)} ms`);
  }
  // End of class delivery
  // Coaching (issue 5): saving a full visit (20 items, 2 actions, last visit's outcomes) through the server
  {
    const trainer = await signIn("+254711000101");
    const visit = await benchVisitSave(BASE, DB, trainer);
    console.log(`Saving a coaching visit (${visit.count} in a row): median ${visit.median.toFixed(1)} ms · p95 ${visit.p95.toFixed(1)} ms · replay of a visit already saved: mean ${visit.replayMean.toFixed(1)} ms`);
  }
  // End of coaching
  // Request limits: server memory while 20 oversized requests arrive at once
  console.log("Oversized requests (20 at once, refused before reading):");
  for (const line of await benchOversize(BASE, server.pid!)) console.log(line);
  // End of request limits
} finally {
  server.kill();
}

// Coaching (issue 5): practice figures read for the screening, 10,000 firms x 5 visits x 20 items
{
  const figures = benchPracticeFigures();
  console.log(`Practice figures of ${figures.firms.toLocaleString("en")} firms x 5 visits (database read + latest, change, follow-through, records): median ${figures.median.toFixed(0)} ms · fastest ${figures.fastest.toFixed(0)} ms`);
}
// End of coaching

// Class delivery (issue 3): attendance rates for 10,000 firms with 15 sessions each
{
  const rates = benchAttendanceRates();
  console.log(`Attendance rates of 10,000 firms x 15 sessions (${rates.marks} marks; per owner, firm, session, cohort): median ${rates.median.toFixed(0)} ms · fastest ${rates.fastest.toFixed(0)} ms`);
}
// End of class delivery

const screening = benchScreening();
console.log(`Screening of 10,000 firms (15 sessions, 10 modules, 5 visits x 20 items): median ${screening.median.toFixed(0)} ms · fastest ${screening.fastest.toFixed(0)} ms`);

// Randomised evaluation (issue 15): the results page's analysis, 2,000 firms x 2,000 randomisation draws
{
  const r = benchExperimentAnalysis();
  console.log(`Experiment analysis of ${r.firms.toLocaleString("en")} firms in ${r.strata} strata, 4 arms, ${r.draws.toLocaleString("en")} randomisation draws: median ${(r.median / 1000).toFixed(2)} s · fastest ${(r.fastest / 1000).toFixed(2)} s`);
}
// End of randomised evaluation

// Screening (issue 6): the same 10,000 firms from an SQLite database (evidence queries + engine),
// and the managers' ranked-list page (first 50 rows); a separate script with its own scratch file.
{
  const run = spawnSync("npx", ["tsx", "scripts/bench/screening-db.ts"], { stdio: "inherit" });
  if (run.status !== 0) console.log("Screening from the database: the benchmark did not finish");
}
// End of screening

// Calibration: fitting the screening weights on 2,000 followed-up firms (target under 2 s)
{
  const { benchCalibration } = await import("./calibration");
  const c = benchCalibration();
  console.log(`Calibration on ${c.n.toLocaleString("en")} followed-up firms (5 folds, 8 penalties, 8 x 1,000 bootstrap replicates): median ${c.median.toFixed(0)} ms · fastest ${c.fastest.toFixed(0)} ms`);
}
// End of calibration

// Working in bulk: the top 1,000 of 10,000 firms decided in one step, and a staff search over
// 10,000 firms; a separate script with its own scratch file.
{
  const run = spawnSync("npx", ["tsx", "scripts/bench/bulk.ts"], { stdio: "inherit" });
  if (run.status !== 0) console.log("Bulk selection and search: the benchmark did not finish");
}
// End of working in bulk
