// The server the browser tests talk to: the production build, a fresh SQLite file, the demo data.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { run } from "./lib/setup.mjs";

const databaseUrl = process.env.DATABASE_URL ?? "file:./tmp/e2e-3300/app.db";
const file = databaseUrl.replace(/^file:/, "");
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
run("npx", ["tsx", "scripts/db/seed-demo.ts"], { env: { DATABASE_URL: databaseUrl } });
const server = spawn(process.execPath, ["server.js"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
