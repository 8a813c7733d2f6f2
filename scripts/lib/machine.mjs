// What the test suite needs from the machine besides Node and npm: Debian's Chromium with an
// Ethiopic font (Playwright cannot download its own browser here) and a reachable PostgreSQL.
// Plain Node on purpose: it runs before the project's own packages are installed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { run, step } from "./setup.mjs";

const DEBIAN_PACKAGES = ["chromium", "fonts-sil-abyssinica"];

function hasEthiopicFont() {
  const fonts = spawnSync("fc-list", [":lang=am", "family"], { encoding: "utf8" });
  return fonts.status === 0 && fonts.stdout.trim() !== "";
}

function missingBrowserPieces() {
  const missing = [];
  if (!existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) missing.push("Chromium");
  // Without an Ethiopic font, Amharic renders as empty boxes and the Amharic tests cannot read it.
  if (!hasEthiopicFont()) missing.push("an Ethiopic font");
  return missing;
}

/**
 * Installs Debian's Chromium and the Ethiopic font when they are missing and we may (root, with
 * apt-get); otherwise stops at once with the one command that would, before any test runs.
 */
export function ensureBrowser() {
  const missing = missingBrowserPieces();
  if (missing.length === 0) return;
  if (process.env.CHROMIUM_PATH && !existsSync(process.env.CHROMIUM_PATH)) {
    const error = new Error(`CHROMIUM_PATH is ${process.env.CHROMIUM_PATH}, which does not exist.`);
    error.exitCode = 1;
    throw error;
  }
  const command = `apt-get update && apt-get install -y ${DEBIAN_PACKAGES.join(" ")}`;
  const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get") && !process.env.CHROMIUM_PATH;
  if (!canInstall) {
    const error = new Error(
      `The browser tests need ${missing.join(" and ")}. Run as root:\n  ${command}\n` +
        "or set CHROMIUM_PATH to a Chromium of your own.",
    );
    error.exitCode = 1;
    throw error;
  }
  step(`Installing ${missing.join(" and ")} from Debian (${DEBIAN_PACKAGES.join(", ")})`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], { env });
  run("apt-get", ["install", "-y", "-qq", ...DEBIAN_PACKAGES], { env });
  const still = missingBrowserPieces();
  if (still.length > 0) throw new Error(`${still.join(" and ")} still missing after apt-get install`);
}

/** Starts the machine's own PostgreSQL cluster when it is installed here but not running. */
export function ensurePostgresStarted() {
  const url = new URL(process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test");
  const ready = () => spawnSync("pg_isready", ["-h", url.hostname, "-p", url.port || "5432", "-q"]).status === 0;
  if (!existsSync("/usr/bin/pg_isready") || ready()) return;
  if (process.getuid?.() !== 0 || !existsSync("/etc/postgresql")) return;
  const versions = spawnSync("ls", ["/etc/postgresql"], { encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean);
  if (versions.length === 0) return;
  step("Starting PostgreSQL");
  spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", versions[0], "main", "start"], { stdio: "inherit" });
  for (let i = 0; i < 30 && !ready(); i++) spawnSync("sleep", ["1"]);
}

/** A TCP port nobody listens on now, so a port already taken never stops the browser tests. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
