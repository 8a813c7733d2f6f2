import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { database, expect, expectNoAxeViolations, expectNoSidewaysScroll, screenshot, signInAs, test, waitForOfflineReady } from "./support/fixtures";

type Language = "en" | "sw" | "am" | "vi";
type Quiz = { questions: { id: string; answer: string; prompt: Record<Language, string>; options: { id: string; text: Record<Language, string> }[] }[] };
const quizOf = (slug: string): Quiz => JSON.parse(readFileSync(`content/modules/${slug}/quiz.json`, "utf8"));

/** A new owner of a demo firm (Kariobangi), so that no other test's taps or language changes meet this one. */
function newOwner(language: Language): { username: string; id: string } {
  const db = database();
  try {
    const demoOwner = db.prepare(`SELECT u.firmId, m.programmeId FROM "User" u JOIN "Membership" m ON m.userId = u.id WHERE u.phone = '254722000001' AND m.role = 'owner'`).get() as {
      firmId: string;
      programmeId: string;
    };
    const id = `e2e_${randomBytes(8).toString("hex")}`;
    const now = Date.now();
    db.prepare(`INSERT INTO "User" (id, name, username, language, isAdmin, firmId, createdAt) VALUES (?, ?, ?, ?, 0, ?, ?)`).run(id, "Amina Otieno", id, language, demoOwner.firmId, now);
    db.prepare(`INSERT INTO "Membership" (id, userId, programmeId, role, createdAt) VALUES (?, ?, ?, 'owner', ?)`).run(`${id}_m`, id, demoOwner.programmeId, now);
    return { username: id, id };
  } finally {
    db.close();
  }
}

function attemptsOf(userId: string) {
  const db = database();
  try {
    return db
      .prepare(`SELECT a.kind, a.score, a.contentVersion, (SELECT count(*) FROM "QuizAnswer" q WHERE q.attemptId = a.id) AS answers FROM "QuizAttempt" a WHERE a.userId = ? ORDER BY a.createdAt`)
      .all(userId) as { kind: string; score: number; contentVersion: string; answers: number }[];
  } finally {
    db.close();
  }
}

/** Ticks the right answer for the first `right` questions and a wrong one for the rest, by the words on the screen. */
async function answer(page: Page, quiz: Quiz, language: Language, right: number) {
  for (const [index, question] of quiz.questions.entries()) {
    const option = index < right ? question.options.find((o) => o.id === question.answer)! : question.options.find((o) => o.id !== question.answer)!;
    await page.locator("fieldset").nth(index).getByLabel(option.text[language], { exact: true }).check();
  }
}

const SLUG = "layout-and-flow";
const sw = {
  takePre: "Fanya jaribio la kabla ya somo",
  send: "Tuma majibu yangu",
  read: "Soma somo",
  markDone: "Nimesoma somo hili",
  home: "Rudi kwenye masomo yangu",
};

for (const javaScriptEnabled of [true, false]) {
  test(`an owner takes the pre-test, reads, takes the post-test and sees the gain, in Kiswahili${javaScriptEnabled ? "" : ", without JavaScript"}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, baseURL: test.info().project.use.baseURL, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const owner = newOwner("sw");
    await signInAs(page, { username: owner.username });
    const quiz = quizOf(SLUG);
    const n = quiz.questions.length;
    const pre = Math.round((100 * 2) / n);

    await page.goto(`/lessons/${SLUG}`);
    await page.getByRole("link", { name: sw.takePre }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jaribio la kabla ya somo");
    await answer(page, quiz, "sw", 2);
    await page.getByRole("button", { name: sw.send }).click();
    await expect(page.getByTestId("attempt-score")).toHaveText(`Alama yako: ${pre}%`);
    // no answers are given away before the post-test
    await expect(page.getByText("Maelezo ya majibu")).toHaveCount(0);

    await page.getByRole("link", { name: sw.read }).click();
    await expect(page.getByText(`Alama yako kabla ya somo: ${pre}%`)).toBeVisible();
    await page.getByRole("button", { name: sw.markDone }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jaribio la baada ya somo");
    await answer(page, quiz, "sw", n);
    await page.getByRole("button", { name: sw.send }).click();
    await expect(page.getByTestId("attempt-score")).toHaveText("Alama yako: 100%");
    await expect(page.getByTestId("attempt-gain")).toHaveText(`Hizo ni alama ${100 - pre} zaidi ya kabla ya somo.`);
    await expect(page.getByRole("heading", { name: "Maelezo ya majibu" })).toBeVisible();
    await expectNoSidewaysScroll(page);

    await page.getByRole("link", { name: sw.home }).click();
    // The home page loads every module's state: give a busy test machine time.
    await page.waitForURL((url) => url.pathname === "/", { timeout: 15_000 });
    const card = page.getByTestId(`module-${SLUG}`);
    await expect(card).toContainText("Imekamilika");
    await expect(card).toContainText(`Kabla: ${pre}%`);
    await expect(card).toContainText("Baada: 100%");
    await expect(card.getByTestId("module-gain")).toHaveText(`Ongezeko: alama +${100 - pre}`);
    await expect(page.getByTestId("overall-progress")).toContainText("Umekamilisha masomo 1 kati ya 10");

    expect(attemptsOf(owner.id).map(({ kind, score, answers }) => ({ kind, score, answers }))).toEqual([
      { kind: "pre", score: pre, answers: n },
      { kind: "post", score: 100, answers: n },
    ]);
    await context.close();
  });
}

test("a double tap and a resent form store one attempt", async ({ browser }) => {
  // Without JavaScript nothing stops the second tap: both posts reach the server.
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  const owner = newOwner("en");
  await signInAs(page, { username: owner.username });
  const quiz = quizOf(SLUG);
  await page.goto(`/lessons/${SLUG}/quiz/post`);
  const clientId = await page.locator('input[name="clientId"]').inputValue();
  await answer(page, quiz, "en", 3);
  await page.getByRole("button", { name: "Send my answers" }).dblclick();
  await expect(page).toHaveURL(/\/attempts\//);
  const resultUrl = new URL(page.url()).pathname;

  const form: Record<string, string> = { clientId, module: SLUG };
  for (const [index, q] of quiz.questions.entries()) form[`q.${q.id}`] = index < 3 ? q.answer : q.options.find((o) => o.id !== q.answer)!.id;
  const resent = await page.request.post(`/lessons/${SLUG}/quiz/post`, { form, maxRedirects: 0 });
  expect(resent.status()).toBe(302);
  expect(resent.headers().location).toBe(resultUrl);
  const replay = await page.request.post(`/lessons/${SLUG}/quiz/post`, { form, headers: { "X-Kaizen-Outbox": "1" } });
  expect(await replay.json()).toMatchObject({ ok: true });

  expect(attemptsOf(owner.id)).toHaveLength(1);
  await context.close();
});

test("a quiz sent with a question left out says which one, keeps the answers and stores nothing", async ({ page }) => {
  const owner = newOwner("en");
  await signInAs(page, { username: owner.username });
  const quiz = quizOf(SLUG);
  await page.goto(`/lessons/${SLUG}/quiz/post`);
  const first = quiz.questions[0]!.options.find((o) => o.id === quiz.questions[0]!.answer)!;
  await page.locator("fieldset").first().getByLabel(first.text.en, { exact: true }).check();
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("alert")).toHaveText("Some answers are missing. Answer every question and send again.");
  await expect(page.locator("fieldset").nth(1)).toContainText("Choose an answer to this question.");
  await expect(page.locator("fieldset").first().getByLabel(first.text.en, { exact: true })).toBeChecked();
  await expectNoAxeViolations(page);
  expect(attemptsOf(owner.id)).toHaveLength(0);
});

test("a trainer sees, per question, the share right and the most chosen wrong answer", async ({ page }) => {
  await signInAs(page, { phone: "254711000101" });
  await page.goto("/");
  // Other tests share this demo trainer and may have changed his language: choose it here.
  await page.getByRole("button", { name: "Kiswahili" }).click();
  await page.getByRole("link", { name: "Matokeo ya masomo" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Matokeo ya masomo");
  const table = page.getByTestId("question-table");
  const quiz = quizOf("kaizen-mindset");
  await expect(table.locator("tbody tr")).toHaveCount(quiz.questions.length);
  await expect(table.locator("tbody tr").first().locator("th")).toHaveText(quiz.questions[0]!.prompt.sw);
  await expect(table.locator("tbody tr").first().locator("td").nth(1)).toHaveText(/^\d+%$/);
  await expect(table).toContainText(/limechaguliwa na watu \d+/);

  await page.getByLabel("Somo", { exact: true }).selectOption("seven-wastes");
  await page.getByRole("button", { name: "Onyesha" }).click();
  await expect(table.locator("tbody tr").first().locator("th")).toHaveText(quizOf("seven-wastes").questions[0]!.prompt.sw);
  await expectNoAxeViolations(page);
  await screenshot(page, "learning-report-trainer-sw");
});

for (const language of ["en", "sw", "am", "vi"] as const) {
  test(`a lesson and a quiz at phone width in ${language}`, async ({ page }) => {
    const owner = newOwner(language);
    await signInAs(page, { username: owner.username });
    await page.goto("/lessons/kaizen-mindset");
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    await expect(page.locator(".lesson__body p").first()).toBeVisible();
    await expectNoSidewaysScroll(page);
    await screenshot(page, `learning-lesson-${language}`);
    await page.goto("/lessons/kaizen-mindset/quiz/pre");
    await expect(page.locator("fieldset").first()).toContainText(quizOf("kaizen-mindset").questions[0]!.prompt[language]);
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
    await screenshot(page, `learning-quiz-${language}`);
    await page.goto("/");
    await expectNoAxeViolations(page);
    await screenshot(page, `learning-home-${language}`);
  });
}

test("answers given without network wait on the phone and are stored once when it returns", async ({ page, context }) => {
  const owner = newOwner("sw");
  await signInAs(page, { username: owner.username });
  const quiz = quizOf(SLUG);
  await page.goto(`/lessons/${SLUG}/quiz/post`);
  // The service worker controls the page before the network goes (app/offline/README.md).
  await waitForOfflineReady(page, { pageCached: false });

  await context.setOffline(true);
  await answer(page, quiz, "sw", 4);
  await page.getByRole("button", { name: sw.send }).click();
  await expect(page.getByText("Majibu yako yamehifadhiwa kwenye simu hii.", { exact: false })).toBeVisible();
  expect(attemptsOf(owner.id)).toHaveLength(0);

  await context.setOffline(false);
  await expect.poll(() => attemptsOf(owner.id).length, { timeout: 20_000 }).toBe(1);
  expect(attemptsOf(owner.id)[0]).toMatchObject({ kind: "post", score: Math.round((100 * 4) / quiz.questions.length), answers: quiz.questions.length });
});
