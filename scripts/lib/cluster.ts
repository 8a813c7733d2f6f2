// Several app processes of the production build on one database, and a small balancer in front:
// used by the two-process browser test (tests/e2e/operations.spec.ts) and `npm run bench:scale`.
// Loopback only: Node and `pg`.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import pg from "pg";

export const POSTGRES_URL = process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function postgresUrlFor(database: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** An empty PostgreSQL database of that name (dropped first if it exists). */
export async function freshPostgresDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return postgresUrlFor(name);
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs SQL on a database and gives the rows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function query(databaseUrl: string, sql: string, params: unknown[] = []): Promise<any[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A session for a person, made as the app makes one (only the token's SHA-256 is stored): the cookie to send. */
export async function sessionCookieFor(databaseUrl: string, userId: string): Promise<string> {
  const token = randomBytes(20).toString("hex");
  const id = createHash("sha256").update(token).digest("hex");
  const now = new Date();
  await query(databaseUrl, `INSERT INTO "Session" (id, "userId", "expiresAt", "createdAt") VALUES ($1, $2, $3, $4)`, [id, userId, new Date(now.getTime() + 30 * 86_400_000), now]);
  return `kaizen_session=${token}`;
}

/**
 * Starts `node server.js` (the production build) on a port and resolves once /healthz answers
 * (any status when `waitFor` is "answer", 200 when "ready"). Its output is collected in `output`.
 */
export type App = { port: number; url: string; child: ChildProcess; output: string; stop: () => Promise<void> };

export async function startApp({
  port,
  databaseUrl,
  uploadDir,
  env = {},
  waitFor = "ready",
  timeoutMs = 90_000,
}: { port: number; databaseUrl: string; uploadDir?: string; env?: Record<string, string>; waitFor?: "ready" | "answer"; timeoutMs?: number }): Promise<App> {
  const child = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, UPLOAD_DIR: uploadDir ?? `tmp/uploads-${port}`, LOG_LEVEL: "warn", SECURE_COOKIES: "0", TRUST_PROXY: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const app: App = { port, url: `http://127.0.0.1:${port}`, child, output: "", stop: async () => undefined };
  child.stdout!.on("data", (chunk) => (app.output += chunk));
  child.stderr!.on("data", (chunk) => (app.output += chunk));
  app.stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app on port ${port} exited (${child.exitCode}):\n${app.output}`);
    try {
      const response = await fetch(`${app.url}/healthz`);
      if (waitFor === "answer" || response.status === 200) return app;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await app.stop();
  throw new Error(`the app on port ${port} did not answer within ${timeoutMs / 1000} s:\n${app.output}`);
}

/**
 * A balancer of a few lines: each request goes to the next app in turn (round robin), with
 * keep-alive connections to the apps, and X-Forwarded-For set as a real proxy would.
 */
export type Balancer = { url: string; stop: () => Promise<void> };

export function startBalancer({ port, targets }: { port: number; targets: string[] }): Promise<Balancer> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const target = new URL(targets[next++ % targets.length]!);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, agent, headers: { ...req.headers, "x-forwarded-for": req.socket.remoteAddress ?? "" } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise<Balancer>((resolve) =>
    server.listen(port, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${port}`, stop: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections(), agent.destroy())) }),
    ),
  );
}
