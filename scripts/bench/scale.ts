// npm run bench:scale: requests per second and p99 latency for the pages and the write that carry
// the load (an owner's home and lesson, a 38-person roll-call save, the manager's ranked list), at
// 20 and 100 connections, against one app process and against two app processes behind a small
// round-robin balancer, all on one PostgreSQL with the demo programme. Loopback only; every run is
// bounded in time and in requests. The load generator runs on the same machine: on a small machine
// it takes CPU from the app, so read the figures as a lower bound (docs/capacity.md).
import { randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import http from "node:http";
import os from "node:os";
import { catalogue } from "../../app/modules/content/catalogue.server";
import { type App, dropPostgresDatabase, freshPostgresDatabase, query, sessionCookieFor, startApp, startBalancer } from "../lib/cluster";

const PORTS = { a: 3470, b: 3471, balancer: 3472 };
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 6) * 1000;
const MAX_REQUESTS = 20_000;
const CONNECTIONS = [20, 100];
const DATABASE = "kaizen_bench_scale";

type Request = { method: "GET" | "POST"; path: string | (() => string); headers?: Record<string, string>; body?: () => string };
type Result = { requests: number; errors: number; rps: number; p50: number; p99: number };

/** `connections` clients, each sending its next request as soon as the last is answered, for at most DURATION_MS and MAX_REQUESTS in all. */
async function load(base: string, connections: number, request: Request): Promise<Result> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const statuses = new Map<number, number>();
  const started = performance.now();
  const deadline = started + DURATION_MS;
  const one = () =>
    new Promise<void>((resolve) => {
      const body = request.body?.();
      const t0 = performance.now();
      const req = http.request(
        { host: url.hostname, port: url.port, method: request.method, path: typeof request.path === "string" ? request.path : request.path(), agent, headers: { ...request.headers, ...(body ? { Origin: url.origin } : {}), ...(body ? { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } : {}) } },
        (res) => {
          res.resume();
          res.on("end", () => {
            if ((res.statusCode ?? 500) >= 400) {
              errors += 1;
              statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            }
            latencies.push(performance.now() - t0);
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors += 1;
        resolve();
      });
      if (body) req.write(body);
      req.end();
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && sent < MAX_REQUESTS) {
        sent += 1;
        await one();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((x, y) => x - y);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  if (statuses.size > 0) console.log(`  (answers >= 400 at ${base} with ${connections} connections: ${[...statuses].map(([k, v]) => `${v} × ${k}`).join(", ")})`);
  return { requests: latencies.length, errors, rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

async function main() {
  console.log(`bench:scale on ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (1, 5, 15 min)`);
  const databaseUrl = await freshPostgresDatabase(DATABASE);
  const seeded = spawnSync("npx", ["tsx", "scripts/db/seed-demo.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "ignore" });
  if (seeded.status !== 0) throw new Error("could not load the demo programme into PostgreSQL");
  const apps: App[] = [];
  try {
    apps.push(await startApp({ port: PORTS.a, databaseUrl, env: { TRUST_PROXY: "1" } }));
    apps.push(await startApp({ port: PORTS.b, databaseUrl, env: { TRUST_PROXY: "1" } }));
    const balancer = await startBalancer({ port: PORTS.balancer, targets: apps.map((a) => a.url) });

    const [owner] = await query(databaseUrl, `SELECT id FROM "User" WHERE phone LIKE '%254722000001'`);
    const [trainer] = await query(databaseUrl, `SELECT id FROM "User" WHERE phone LIKE '%254711000101'`);
    const [manager] = await query(databaseUrl, `SELECT id FROM "User" WHERE email = 'manager@demo.kaizen.test'`);
    const [session] = await query(
      databaseUrl,
      `SELECT s.id, s."cohortId" FROM "ClassSession" s JOIN "CohortTrainer" t ON t."cohortId" = s."cohortId" WHERE t."userId" = $1 ORDER BY s.date DESC LIMIT 1`,
      [trainer.id],
    );
    // Many classes of the cohort, as a country's trainers would save them: a save takes its turn
    // only behind another save of the same class (app/modules/attendance/roll-call.server.ts).
    const sessionIds: string[] = [];
    for (let i = 0; i < 200; i++) {
      const id = `bench_${randomUUID()}`;
      await query(databaseUrl, `INSERT INTO "ClassSession" (id, "cohortId", date, "startTime", "endTime", venue, modules, "createdAt") VALUES ($1, $2, $3, '09:00', '11:00', 'Bench hall', '', now())`, [
        id,
        session.cohortId,
        new Date(Date.UTC(2026, 0, 1) + i * 86_400_000),
      ]);
      sessionIds.push(id);
    }
    let turn = 0;
    const people = (await query(databaseUrl, `SELECT u.id FROM "User" u JOIN "Enrolment" e ON e."firmId" = u."firmId" WHERE e."cohortId" = $1`, [session.cohortId])).map((p) => p.id as string);
    const [programme] = await query(databaseUrl, `SELECT "programmeId" AS id FROM "Membership" WHERE "userId" = $1 AND role = 'manager' LIMIT 1`, [manager.id]);
    const cookies = { owner: await sessionCookieFor(databaseUrl, owner.id), trainer: await sessionCookieFor(databaseUrl, trainer.id), manager: await sessionCookieFor(databaseUrl, manager.id) };
    const statuses = ["present", "late", "absent", "excused"];
    const lesson = catalogue()[0]!.slug;

    const requests: [string, Request][] = [
      ["owner home", { method: "GET", path: "/", headers: { Cookie: cookies.owner } }],
      ["owner lesson", { method: "GET", path: `/lessons/${lesson}`, headers: { Cookie: cookies.owner } }],
      [
        `roll-call save (${people.length} people)`,
        {
          method: "POST",
          // As the phone's page sends it with JavaScript: the router's data request.
          path: () => `/sessions/${sessionIds[turn++ % sessionIds.length]}.data`,
          headers: { Cookie: cookies.trainer },
          body: () => new URLSearchParams([["clientId", randomUUID()], ["js", "1"], ...people.map((id) => [`mark.${id}`, statuses[Math.floor(Math.random() * 4)]!] as [string, string])]).toString(),
        },
      ],
      ["ranked list (manager)", { method: "GET", path: `/programmes/${programme.id}/screening`, headers: { Cookie: cookies.manager } }],
    ];

    console.log(`\n${DURATION_MS / 1000} s per run (at most ${MAX_REQUESTS} requests); req/s, p50 and p99 in ms; errors = answers >= 400\n`);
    console.log(`${"what".padEnd(30)} ${"conns".padStart(5)}  ${"one process".padEnd(30)}  two processes + balancer`);
    for (const [name, request] of requests.filter(([n]) => !process.env.BENCH_ONLY || n.includes(process.env.BENCH_ONLY))) {
      // Warm both processes (content compiled, caches filled) before measuring.
      for (const app of apps) await load(app.url, 2, { ...request }).catch(() => undefined);
      for (const connections of CONNECTIONS) {
        const one = await load(apps[0]!.url, connections, request);
        const two = await load(balancer.url, connections, request);
        const cell = (r: Result) => `${r.rps.toFixed(0).padStart(5)} req/s p50 ${r.p50.toFixed(0).padStart(4)} p99 ${r.p99.toFixed(0).padStart(5)}${r.errors ? ` err ${r.errors}` : ""}`;
        console.log(`${name.padEnd(30)} ${String(connections).padStart(5)}  ${cell(one).padEnd(30)}  ${cell(two)}`);
      }
    }
    console.log(`\nload average after: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    await balancer.stop();
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    await dropPostgresDatabase(DATABASE).catch(() => undefined);
  }
}

await main();
