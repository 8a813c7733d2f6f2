// Shared by `npm run demo` and `npm test`: make a fresh clone ready with nothing but Node and npm.
// Plain Node on purpose: it runs before the project's own packages are installed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

export function run(command, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", shell: false, ...options, env: { ...process.env, ...options.env } });
  if (result.status !== 0) {
    const error = new Error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
    error.exitCode = result.status ?? 1;
    throw error;
  }
  return (Date.now() - started) / 1000;
}

export function step(title) {
  process.stdout.write(`\n▶ ${title}\n`);
}

function hashFiles(files) {
  const hash = createHash("sha256");
  for (const file of files) if (existsSync(file)) hash.update(file).update(readFileSync(file));
  return hash.digest("hex");
}

/** npm ci when node_modules is missing or older than the lock file. */
export function ensureInstalled() {
  const marker = "node_modules/.kaizen-installed";
  const lockHash = hashFiles(["package-lock.json"]);
  if (existsSync(marker) && readFileSync(marker, "utf8") === lockHash) return 0;
  step("Installing packages (npm ci)");
  const seconds = run("npm", ["ci", "--no-audit", "--no-fund"]);
  writeFileSync(marker, lockHash);
  return seconds;
}

/** The two Prisma clients (SQLite and PostgreSQL), generated again when the models change. */
export function ensurePrismaClients() {
  const marker = "app/generated/.models-hash";
  const inputs = ["prisma/models.prisma", "prisma/sqlite/schema.prisma", "prisma/postgres/schema.prisma", "package-lock.json"];
  const hash = hashFiles(inputs);
  if (existsSync(marker) && readFileSync(marker, "utf8") === hash) return;
  step("Generating the Prisma clients");
  // The schema engine binary cannot be downloaded here and generate does not need it.
  const env = { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  run("npx", ["prisma", "generate"], { env: { ...env, DATABASE_URL: "file:./data/app.db" } });
  run("npx", ["prisma", "generate"], { env: { ...env, DATABASE_URL: "postgresql://generate@localhost/generate" } });
  mkdirSync("app/generated", { recursive: true });
  writeFileSync(marker, hash);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.name === "generated" || entry.name === "node_modules") continue;
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The production build, made again when the app, content or config changed since the last one. */
export function ensureBuild({ force = false } = {}) {
  const built = "build/server/index.js";
  const sources = Math.max(newestMtime("app"), newestMtime("public"), statSync("package-lock.json").mtimeMs, statSync("vite.config.ts").mtimeMs);
  if (!force && existsSync(built) && statSync(built).mtimeMs > sources) return;
  step("Building the app");
  run("npx", ["react-router", "build"]);
}
