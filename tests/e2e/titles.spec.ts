import { readFileSync } from "node:fs";
import am from "../../app/i18n/locales/am";
import en from "../../app/i18n/locales/en";
import sw from "../../app/i18n/locales/sw";
import { database, expect, signInAs, test } from "./support/fixtures";

/**
 * Every page names itself: the <title> is the page's own words in the person's language, then
 * the app's name, never the app's name alone. One URL of each page route, opened by someone
 * who may see it.
 */
type Who = { username: string } | { phone: string } | null;
type Page = { file: string; url: string; who: Who; expected: string };

function demo() {
  const db = database();
  try {
    const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
    const programmeId = one<{ id: string }>(`SELECT id FROM "Programme" WHERE isDemo = 1 ORDER BY createdAt LIMIT 1`).id;
    const trainer = one<{ id: string }>(`SELECT id FROM "User" WHERE username = 'trainer.nairobi'`).id;
    const cohort = one<{ id: string; name: string }>(`SELECT c.id, c.name FROM "Cohort" c JOIN "CohortTrainer" t ON t.cohortId = c.id WHERE t.userId = ? LIMIT 1`, trainer);
    const session = one<{ id: string }>(`SELECT id FROM "ClassSession" WHERE cohortId = ? ORDER BY date LIMIT 1`, cohort.id).id;
    const owner = one<{ id: string; firmId: string }>(`SELECT id, firmId FROM "User" WHERE phone = '254722000001'`);
    const firm = one<{ name: string }>(`SELECT name FROM "Firm" WHERE id = ?`, owner.firmId).name;
    const amTrainer = one<{ id: string }>(`SELECT id FROM "User" WHERE phone = '251911000201'`).id;
    const amFirm = one<{ id: string; name: string }>(
      `SELECT f.id, f.name FROM "Firm" f JOIN "Enrolment" e ON e.firmId = f.id JOIN "CohortTrainer" t ON t.cohortId = e.cohortId WHERE t.userId = ? LIMIT 1`,
      amTrainer,
    );
    const attempt = one<{ id: string; moduleSlug: string; kind: string } | undefined>(`SELECT id, moduleSlug, kind FROM "QuizAttempt" WHERE userId = ? LIMIT 1`, owner.id);
    const programmeName = one<{ name: string }>(`SELECT name FROM "Programme" WHERE id = ?`, programmeId).name;
    const visit = one<{ id: string; firmId: string; firmName: string }>(
      `SELECT v.id, v.firmId, f.name AS firmName FROM "CoachingVisit" v JOIN "Firm" f ON f.id = v.firmId WHERE v.programmeId = ? LIMIT 1`,
      programmeId,
    );
    return { programmeId, programmeName, cohort, session, owner, firm, amFirm, attempt, visit };
  } finally {
    db.close();
  }
}

const manager = { username: "manager" };
const swTrainer = { username: "trainer.nairobi" };
const amTrainer = { phone: "251911000201" };
const swOwner = { phone: "254722000001" };

function pages(): Page[] {
  const d = demo();
  const p = `/programmes/${d.programmeId}`;
  const list: Page[] = [
    { file: "routes/home.tsx", url: "/", who: swOwner, expected: sw.accounts.titles.home },
    { file: "routes/auth/sign-in.tsx", url: "/sign-in", who: null, expected: en.signIn.title },
    { file: "routes/auth/join.tsx", url: "/join", who: null, expected: en.join.title },
    { file: "routes/auth/account.tsx", url: "/account", who: swOwner, expected: sw.account.title },
    { file: "routes/auth/reset.tsx", url: "/reset", who: null, expected: en.accounts.resetTitle },
    { file: "routes/learning/lesson.tsx", url: "/lessons/kaizen-mindset", who: swOwner, expected: "" },
    { file: "routes/learning/quiz.tsx", url: "/lessons/kaizen-mindset/quiz/post", who: swOwner, expected: sw.learning.postTestTitle },
    { file: "routes/learning/report.tsx", url: `${p}/learning`, who: manager, expected: en.learning.reportTitle },
    { file: "routes/programmes/invitations.tsx", url: `${p}/invitations`, who: manager, expected: en.invitations.title },
    { file: "routes/attendance/classes.tsx", url: "/classes", who: swTrainer, expected: sw.attendance.classesTitle },
    { file: "routes/attendance/cohort.tsx", url: `/cohorts/${d.cohort.id}`, who: swTrainer, expected: `${sw.accounts.titles.cohort}: ${d.cohort.name}` },
    { file: "routes/attendance/roll-call.tsx", url: `/sessions/${d.session}`, who: swTrainer, expected: `${sw.attendance.rollCallTitle}: ${d.cohort.name}` },
    { file: "routes/attendance/sheet.tsx", url: `/sessions/${d.session}/sheet`, who: swTrainer, expected: `${sw.attendance.sheetTitle}: ${d.cohort.name}` },
    { file: "routes/attendance/mine.tsx", url: "/my-attendance", who: swOwner, expected: sw.attendance.mineTitle },
    { file: "routes/programmes/setup.tsx", url: `${p}/setup`, who: manager, expected: en.roster.setupTitle },
    { file: "routes/programmes/roster.tsx", url: `${p}/roster`, who: manager, expected: en.roster.importTitle },
    { file: "routes/programmes/codes.tsx", url: `${p}/codes`, who: manager, expected: en.roster.codesTitle },
    { file: "routes/coaching/firms.tsx", url: "/coaching", who: amTrainer, expected: am.coaching.title },
    { file: "routes/coaching/timeline.tsx", url: `/firms/${d.owner.firmId}/visits`, who: swOwner, expected: sw.coaching.yourVisits },
    { file: "routes/coaching/visit-form.tsx", url: `/firms/${d.amFirm.id}/visits/new`, who: amTrainer, expected: d.amFirm.name },
    { file: "routes/screening/list.tsx", url: `${p}/screening`, who: manager, expected: en.screening.title },
    { file: "routes/screening/firm.tsx", url: `${p}/screening/firms/${d.owner.firmId}`, who: manager, expected: `${en.screening.title}: ${d.firm}` },
    { file: "routes/screening/model.tsx", url: `${p}/screening/model`, who: manager, expected: en.screening.model.title },
    { file: "routes/screening/outcomes.tsx", url: `${p}/screening/outcomes`, who: manager, expected: en.screening.outcomes.title },
    { file: "routes/screening/validity.tsx", url: `${p}/screening/validity`, who: manager, expected: en.screening.validity.title },
    { file: "routes/screening/mine.tsx", url: "/my-screening", who: swOwner, expected: sw.screening.mine.title },
    { file: "routes/admin/index.tsx", url: "/admin", who: { username: "admin" }, expected: en.admin.title },
    { file: "routes/programmes/people.tsx", url: `${p}/people`, who: swTrainer, expected: sw.accounts.peopleTitle },
    { file: "routes/attendance/session-edit.tsx", url: `/sessions/${d.session}/edit`, who: swTrainer, expected: d.cohort.name },
    { file: "routes/coaching/visit-edit.tsx", url: `/firms/${d.visit.firmId}/visits/${d.visit.id}/edit`, who: manager, expected: d.visit.firmName },
    { file: "routes/screening/bulk.tsx", url: `${p}/screening/bulk`, who: manager, expected: `${en.bulk.selection.title}: ${d.programmeName}` },
    { file: "routes/screening/calibration.tsx", url: `${p}/screening/calibration`, who: manager, expected: d.programmeName },
    { file: "routes/people/search.tsx", url: "/search", who: manager, expected: en.bulk.search.title },
    { file: "routes/people/to-call.tsx", url: `/cohorts/${d.cohort.id}/to-call`, who: swTrainer, expected: d.cohort.name },
    { file: "routes/experiments/setup.tsx", url: `${p}/experiment`, who: manager, expected: d.programmeName },
    { file: "routes/experiments/results.tsx", url: `${p}/experiment/results`, who: manager, expected: d.programmeName },
  ];
  if (d.attempt) {
    const kind = d.attempt.kind === "pre" ? sw.learning.preTestTitle : sw.learning.postTestTitle;
    list.push({ file: "routes/learning/attempt.tsx", url: `/lessons/${d.attempt.moduleSlug}/attempts/${d.attempt.id}`, who: swOwner, expected: kind });
  }
  return list;
}

test("every page route of app/routes.ts is visited below", () => {
  const routes = readFileSync("app/routes.ts", "utf8");
  const pageFiles = [...routes.matchAll(/"(routes\/[^"]+\.tsx)"/g)].map((m) => m[1]!);
  // The attempt page needs an attempt in the demo data; every other page is listed.
  expect(pageFiles.filter((file) => !pages().some((page) => page.file === file) && file !== "routes/learning/attempt.tsx")).toEqual([]);
});

test("every page has a title of its own, in the person's language", async ({ page }) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  for (const item of pages()) {
    await page.context().clearCookies();
    if (item.who) await signInAs(page, item.who);
    const response = await page.goto(item.url);
    const title = await page.title();
    const ok =
      response?.status() === 200 &&
      title.endsWith(` — ${en.app.name}`) &&
      title.length > ` — ${en.app.name}`.length + 2 &&
      title.includes(item.expected) &&
      !/\b[a-z]+\.[a-zA-Z]+\b/.test(title.replace(/— Kaizen LMS$/, "").replace(/[\w-]+@[\w.]+/, ""));
    if (!ok) problems.push(`${item.url} (${response?.status()}): "${title}", expected to contain "${item.expected}"`);
  }
  expect(problems).toEqual([]);
});
