// npm run demo: from a fresh clone to a running app with a demo programme, on SQLite.
//   PORT=3000 (default)  DATABASE_URL=file:./data/app.db (default)  DEMO_RESET=1 reloads the demo data
import { spawn } from "node:child_process";
import { ensureBuild, ensureInstalled, ensurePrismaClients, run, step } from "./lib/setup.mjs";

try {
  ensureInstalled();
  ensurePrismaClients();
  ensureBuild();
  step("Preparing the database and the demo programme");
  run("npx", ["tsx", "scripts/db/seed-demo.ts"]);
} catch (error) {
  console.error(`\n${error.message}`);
  process.exit(error.exitCode ?? 1);
}

step(`Starting Kaizen LMS on http://localhost:${process.env.PORT ?? 3000} (Ctrl+C stops it)`);
const server = spawn(process.execPath, ["server.js"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
