import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { generateSessionToken, SESSION_COOKIE, sessionIdOf } from "../../../app/auth/session-token";

/**
 * Browser-test fixtures. They reach into the test server's SQLite file directly (the same file
 * scripts/e2e-server.mjs loads the demo programme into), so a test can start signed in as a demo
 * person without typing a password, and can read what the app wrote. Sessions are made with the
 * app's own token code and cookie name; what a test creates here is removed when it ends.
 */
const DATABASE_FILE = process.env.E2E_DATABASE_FILE ?? "tmp/e2e-3300/app.db";

export function database() {
  const db = new Database(DATABASE_FILE);
  db.pragma("busy_timeout = 5000");
  return db;
}

export type Person = { id: string; name: string; language: string };

export function findPerson(where: { username?: string; phone?: string; email?: string }): Person {
  const db = database();
  try {
    const [column, value] = Object.entries(where)[0]!;
    const row = db.prepare(`SELECT id, name, language FROM "User" WHERE "${column}" = ?`).get(value) as Person | undefined;
    if (!row) throw new Error(`No demo person with ${column} ${value}`);
    return row;
  } finally {
    db.close();
  }
}

/**
 * A new trainer who teaches the same cohorts as a demo trainer, in the language a test reads.
 * Tests run in parallel: changing a shared demo account's language would change it under
 * another test's feet, so a test that needs another language signs in as its own twin.
 */
export function twinTrainer(phone: string, language: string): { username: string } {
  const db = database();
  try {
    const original = db.prepare('SELECT id, name FROM "User" WHERE phone = ?').get(phone) as { id: string; name: string };
    const id = `e2e_${randomBytes(8).toString("hex")}`;
    const username = `twin.${id}`;
    const now = Date.now();
    db.prepare('INSERT INTO "User" (id, name, username, language, isAdmin, createdAt) VALUES (?, ?, ?, ?, 0, ?)').run(id, original.name, username, language, now);
    created.users.push(id);
    for (const m of db.prepare('SELECT programmeId, role FROM "Membership" WHERE userId = ?').all(original.id) as { programmeId: string; role: string }[]) {
      db.prepare('INSERT INTO "Membership" (id, userId, programmeId, role, createdAt) VALUES (?, ?, ?, ?, ?)').run(`${id}_${m.role}_${m.programmeId}`, id, m.programmeId, m.role, now);
    }
    for (const c of db.prepare('SELECT cohortId FROM "CohortTrainer" WHERE userId = ?').all(original.id) as { cohortId: string }[]) {
      db.prepare('INSERT INTO "CohortTrainer" (cohortId, userId, createdAt) VALUES (?, ?, ?)').run(c.cohortId, id, now);
    }
    return { username };
  } finally {
    db.close();
  }
}

/** What this test made in the database, removed when it ends (see the `cleanUp` fixture). */
const created = { sessions: [] as string[], users: [] as string[] };

/** A session made the way the app makes one (app/auth/session-token.ts): only the token's hash is stored. */
export async function signInAs(page: Page, where: { username?: string; phone?: string; email?: string }): Promise<Person> {
  const person = findPerson(where);
  const token = generateSessionToken();
  const id = sessionIdOf(token);
  const db = database();
  try {
    const now = Date.now();
    db.prepare('INSERT INTO "Session" (id, userId, expiresAt, createdAt) VALUES (?, ?, ?, ?)').run(id, person.id, now + 30 * 86_400_000, now);
    created.sessions.push(id);
  } finally {
    db.close();
  }
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  return person;
}

/** Removes the sessions and the twin people a test made, and whatever rows hang on the twins. */
function removeCreated() {
  const sessions = created.sessions.splice(0);
  const users = created.users.splice(0);
  if (sessions.length === 0 && users.length === 0) return;
  const db = database();
  try {
    const inList = (n: number) => Array(n).fill("?").join(",");
    if (sessions.length) db.prepare(`DELETE FROM "Session" WHERE id IN (${inList(sessions.length)})`).run(...sessions);
    if (users.length) {
      // A twin who recorded marks or visits keeps them (and so stays): those rows are evidence.
      for (const table of ["Session", "Membership", "CohortTrainer"]) {
        db.prepare(`DELETE FROM "${table}" WHERE userId IN (${inList(users.length)})`).run(...users);
      }
      for (const id of users) {
        try {
          db.prepare('DELETE FROM "User" WHERE id = ?').run(id);
        } catch {
          // Still referenced by what the test recorded through the app: leave the person.
        }
      }
    }
  } finally {
    db.close();
  }
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Nothing on the page is wider than the phone: no sideways scrolling. */
export async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/**
 * Waits until the service worker controls the page and, unless told otherwise, has stored the
 * page itself. page.evaluate awaits the check's promise; expect.poll asks again until it holds.
 * (page.waitForFunction with an async check does not wait for its promise: it passes at once.)
 */
export async function waitForOfflineReady(page: Page, options: { pageCached?: boolean } = {}) {
  await expect
    // Generous: on a busy 2-core machine registration waits for the page's scripts to load.
    .poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.ready).active && navigator.serviceWorker.controller)), { timeout: 30_000 })
    .toBe(true);
  if (options.pageCached === false) return;
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const cache = await caches.open("kaizen-pages-v1");
        return (await cache.keys()).some((request) => new URL(request.url).pathname === location.pathname);
      }),
      { timeout: 30_000 },
    )
    .toBe(true);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${test.info().project.outputDir}/../screenshots/${name}.png`, fullPage: true });
}

type Fixtures = {
  /** Signs this test's page in as a demo person, as `signInAs` does. */
  signIn: (where: { username?: string; phone?: string; email?: string }) => Promise<Person>;
  /** Runs for every test: what the test made in the database goes when it ends. */
  cleanUp: void;
};

export const test = base.extend<Fixtures>({
  signIn: async ({ page }, use) => {
    await use((where) => signInAs(page, where));
  },
  cleanUp: [
    // Playwright reads a fixture's dependencies from this pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use();
      removeCreated();
    },
    { auto: true },
  ],
});
export { expect };
