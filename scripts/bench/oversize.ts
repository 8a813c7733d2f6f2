// Server memory while 20 oversized requests arrive at once: each is refused from its declared
// length (413) before its body is read, so the server's memory should stay flat. Prints the
// resident memory before and the peak during, for anonymous sign-in forms (40 MB each) and
// visit uploads (100 MB each). Called by scripts/bench/index.ts with its running server; run
// alone (`npx tsx scripts/bench/oversize.ts`), it starts the built server on BENCH_PORT (3430)
// with the SQLite file in DATABASE_URL (default file:./tmp/bench/app.db, demo data loaded).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";

const MB = 1024 * 1024;

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** Streams `bytes` of body to `path`, as a phone would; resolves with the status the server answered. */
function oversizedPost(base: string, path: string, bytes: number): Promise<number | string> {
  const url = new URL(path, base);
  return new Promise((resolve) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": bytes, Origin: url.origin } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        req.destroy();
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    const chunk = Buffer.alloc(MB, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

export async function benchOversize(base: string, pid: number) {
  const results: string[] = [];
  for (const [label, path, bytes] of [
    ["sign-in form, 40 MB each, anonymous", "/sign-in", 40 * MB],
    ["visit upload, 100 MB each", "/firms/any/visits/new", 100 * MB],
  ] as const) {
    if (typeof globalThis.gc === "function") globalThis.gc();
    await new Promise((r) => setTimeout(r, 500));
    const before = residentMb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, residentMb(pid))), 10);
    const started = performance.now();
    const statuses = await Promise.all(Array.from({ length: 20 }, () => oversizedPost(base, path, bytes)));
    const ms = performance.now() - started;
    await new Promise((r) => setTimeout(r, 200));
    clearInterval(sampler);
    const counts = new Map<string, number>();
    for (const s of statuses) counts.set(String(s), (counts.get(String(s)) ?? 0) + 1);
    results.push(
      `  ${label}: 20 at once answered ${[...counts].map(([s, n]) => `${n}× ${s}`).join(", ")} in ${ms.toFixed(0)} ms · server memory ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)} MB)`,
    );
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.BENCH_PORT ?? 3430);
  const base = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: process.env.DATABASE_URL ?? "file:./tmp/bench/app.db", LOG_LEVEL: "warn" },
    stdio: "inherit",
  });
  try {
    for (let i = 0; i < 200; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    // Warm up: the first requests load the app's modules.
    for (let i = 0; i < 5; i++) await (await fetch(`${base}/sign-in`)).arrayBuffer();
    console.log("Oversized requests (20 at once):");
    for (const line of await benchOversize(base, server.pid!)) console.log(line);
  } finally {
    server.kill();
  }
}
