import { randomBytes } from "node:crypto";
import { database, expect, expectNoAxeViolations, expectNoSidewaysScroll, findPerson, screenshot, signInAs, test } from "./support/fixtures";

const MANAGER = { email: "manager@demo.kaizen.test" };
const DAY = 86_400_000;

/**
 * A new programme of the demo agency, as a manager would have set it up: a cohort whose training
 * starts in a month, 24 firms in two clusters, the demo manager managing it. Nothing else.
 */
function newProgramme(firms = 24) {
  const db = database();
  try {
    const suffix = randomBytes(4).toString("hex");
    const manager = findPerson(MANAGER);
    const org = db.prepare(`SELECT organisationId AS id FROM Programme WHERE isDemo = 1`).get() as { id: string };
    const clusters = db.prepare(`SELECT id, name FROM Cluster WHERE organisationId = ? ORDER BY name`).all(org.id) as { id: string; name: string }[];
    const now = Date.now();
    const id = `e2e_prog_${suffix}`;
    const cohortId = `e2e_coh_${suffix}`;
    db.prepare(`INSERT INTO Programme (id, organisationId, name, languages, startsOn, createdAt) VALUES (?, ?, ?, 'en,sw', ?, ?)`).run(id, org.id, `Evaluation trial ${suffix}`, now - 30 * DAY, now);
    db.prepare(`INSERT INTO Cohort (id, programmeId, name, startsOn, createdAt) VALUES (?, ?, ?, ?, ?)`).run(cohortId, id, `Trial cohort ${suffix}`, now + 30 * DAY, now);
    db.prepare(`INSERT INTO Membership (id, userId, programmeId, role, createdAt) VALUES (?, ?, ?, 'manager', ?)`).run(`e2e_m_${suffix}`, manager.id, id, now);
    const firmIds: string[] = [];
    for (let i = 0; i < firms; i++) {
      const firmId = `e2e_frm_${suffix}_${String(i).padStart(2, "0")}`;
      firmIds.push(firmId);
      db.prepare(`INSERT INTO Firm (id, organisationId, clusterId, name, sector, workers, foundedYear, createdAt) VALUES (?, ?, ?, ?, 'metalwork', ?, ?, ?)`).run(
        firmId,
        org.id,
        clusters[i % clusters.length]!.id,
        `Trial Works ${suffix} ${i + 1}`,
        i % 3 === 0 ? 12 : 2 + (i % 4),
        2005 + (i % 15),
        now,
      );
      db.prepare(`INSERT INTO Enrolment (id, cohortId, firmId, createdAt) VALUES (?, ?, ?, ?)`).run(`e2e_enr_${suffix}_${i}`, cohortId, firmId, now);
    }
    return { id, cohortId, firmIds, cohortName: `Trial cohort ${suffix}` };
  } finally {
    db.close();
  }
}

/** A year passes: the cohort was trained, and the follow-up survey is due. */
function aYearLater(programme: { id: string; cohortId: string }) {
  const db = database();
  try {
    const shift = 400 * DAY;
    db.prepare(`UPDATE Cohort SET startsOn = startsOn - ? WHERE id = ?`).run(shift, programme.cohortId);
    db.prepare(`UPDATE Experiment SET baselineUntil = baselineUntil - ? WHERE programmeId = ?`).run(shift, programme.id);
    const row = db.prepare(`SELECT baselineUntil FROM Experiment WHERE programmeId = ?`).get(programme.id) as { baselineUntil: number };
    return new Date(row.baselineUntil);
  } finally {
    db.close();
  }
}

function armsOf(programmeId: string): Map<string, string> {
  const db = database();
  try {
    const rows = db.prepare(`SELECT a.firmId, r.name FROM ExperimentAssignment a JOIN ExperimentArm r ON r.id = a.armId JOIN Experiment e ON e.id = a.experimentId WHERE e.programmeId = ?`).all(programmeId) as { firmId: string; name: string }[];
    return new Map(rows.map((r) => [r.firmId, r.name]));
  } finally {
    db.close();
  }
}

// Long stories on a shared machine: several pages, an import and an analysis of 2,000 draws.
test.describe.configure({ timeout: 180_000 });

test("a manager sets up an experiment, previews the balance, freezes it, and reads the effects after the follow-up", async ({ page }) => {
  const programme = newProgramme();
  await signInAs(page, MANAGER);
  await page.goto(`/programmes/${programme.id}/experiment`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Randomised evaluation: Evaluation trial/);
  await expect(page).toHaveTitle(/Randomised evaluation: Evaluation trial/);

  // Two arms: classroom against control (leave out the other two suggested arms).
  await page.getByLabel("Cohort").selectOption({ label: `${programme.cohortName} · 24 firms` });
  await page.getByLabel("Name of arm 2").fill("");
  await page.getByLabel("Name of arm 3").fill("");
  await expect(page.getByLabel("Name of arm 1")).toHaveValue("Classroom");
  await expect(page.getByLabel("Name of arm 4")).toHaveValue("Control");
  await page.getByRole("button", { name: "Draw the seed and preview" }).click();
  await expect(page.getByRole("status")).toContainText("Saved. Check the preview");
  await expect(page.getByRole("heading", { name: "Preview of the assignment" })).toBeVisible();
  await expect(page.getByText(/24 firms in \d+ groups/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Balance at baseline" })).toBeVisible();
  await expect(page.locator(".experiment-table").first()).toContainText("Years in operation");
  await expect(page.getByText(/In plain words/)).toBeVisible();
  const seed = await page.getByText(/Random seed \d+/).textContent();
  await expectNoAxeViolations(page);
  await expectNoSidewaysScroll(page);
  await screenshot(page, "experiment-preview");

  // Freezing needs the box ticked: refused beside it, then done.
  await page.getByRole("button", { name: "Freeze the assignment" }).click();
  await expect(page.getByText("Tick the box to confirm")).toBeVisible();
  await page.getByLabel("I have checked the balance. Freeze the assignment now.").check();
  await page.getByRole("button", { name: "Freeze the assignment" }).click();
  await expect(page.getByRole("status")).toHaveText("Frozen: 24 firms assigned.");
  await expect(page.getByText(/Random seed \d+/)).toHaveText(seed!);
  await expect(page.getByRole("link", { name: "Balance, flow and effects" }).first()).toBeVisible();

  // Before any follow-up the analysis is refused, with the reason.
  await page.goto(`/programmes/${programme.id}/experiment/results`);
  await expect(page.getByRole("alert")).toContainText("No firm has a follow-up outcome after the baseline yet");

  // A year later: the baseline and follow-up surveys are imported on the outcomes page.
  const baseline = aYearLater(programme);
  const arms = armsOf(programme.id);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const before = day(new Date(baseline.getTime() - 20 * DAY));
  const after = day(new Date(Date.now() - 10 * DAY));
  const lines = ["firm,date,sales,workers,practice_score"];
  programme.firmIds.forEach((firmId, i) => {
    const trained = arms.get(firmId) === "Classroom";
    lines.push(`${firmId},${before},${1000 + i * 10},4,0.30`);
    lines.push(`${firmId},${after},${Math.round((1000 + i * 10) * (trained ? 1.25 : 1.05) + (i % 4) * 20)},${trained ? 5 : 4},${(trained ? 0.52 + (i % 3) * 0.02 : 0.33 + (i % 3) * 0.02).toFixed(2)}`);
  });
  await page.goto(`/programmes/${programme.id}/screening/outcomes`);
  await page.getByLabel("Or paste the rows here").fill(lines.join("\n"));
  // At 360 px the filled textarea lies over the Import button on that page: submit from the keyboard.
  await page.getByRole("button", { name: "Import" }).press("Enter");
  // The import is checked first, then saved.
  await expect(page.getByTestId("outcomes-preview")).toContainText("48 new rows");
  await page.getByRole("button", { name: "Save these figures" }).click();
  await expect(page.getByRole("status")).toContainText("48");

  await page.goto(`/programmes/${programme.id}/experiment/results`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Experiment results: Evaluation trial/);
  await expect(page.getByRole("img", { name: /Flow of the 24 firms/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Effects of the offer (intention to treat)" })).toBeVisible();
  await expect(page.getByText(/Classroom: Growth in monthly sales was [\d.]+ points higher than in control/)).toBeVisible();
  await expect(page.getByText(/Classroom: Practice score at follow-up was [\d.]+ points higher than in control/)).toBeVisible();
  await expect(page.getByText("2000 new random draws")).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoSidewaysScroll(page);
  await screenshot(page, "experiment-results-360");
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(page.getByRole("heading", { name: "Firms above and below the median baseline score" })).toBeVisible();
  await screenshot(page, "experiment-results-1280");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the set-up form saves, refuses a bad ratio beside the field, and freezes", async ({ page }) => {
    const programme = newProgramme(12);
    await signInAs(page, MANAGER);
    await page.goto(`/programmes/${programme.id}/experiment`);
    await page.getByLabel("Cohort").selectOption({ label: `${programme.cohortName} · 12 firms` });
    await page.getByLabel("Share (1-9)").first().fill("12");
    await page.getByRole("button", { name: "Draw the seed and preview" }).click();
    await expect(page.getByText("Write a whole number from 1 to 9.")).toBeVisible();
    await page.getByLabel("Share (1-9)").first().fill("1");
    await page.getByRole("button", { name: "Draw the seed and preview" }).click();
    await expect(page.getByRole("heading", { name: "Preview of the assignment" })).toBeVisible();
    await page.getByLabel("I have checked the balance. Freeze the assignment now.").check();
    await page.getByRole("button", { name: "Freeze the assignment" }).click();
    await expect(page.getByRole("status")).toHaveText("Frozen: 12 firms assigned.");
  });
});

test("the demo programme's experiment on the 2024 cohort shows its results, in Kiswahili too", async ({ page }) => {
  await signInAs(page, MANAGER);
  const db = database();
  const id = (db.prepare(`SELECT id FROM Programme WHERE isDemo = 1`).get() as { id: string }).id;
  db.close();
  await page.goto(`/programmes/${id}/experiment/results`);
  await expect(page.getByText("Demo data: this experiment and its firms are made up")).toBeVisible();
  await expect(page.getByRole("img", { name: /Flow of the 42 firms/ })).toBeVisible();
  await expect(page.getByText(/too wide to conclude with 42 firms/).first()).toBeVisible();
  await screenshot(page, "experiment-demo-results-en");

  // A manager who reads Kiswahili (a new account: the demo manager's language stays as it is).
  const username = `e2e.mgr.${randomBytes(4).toString("hex")}`;
  const w = database();
  try {
    const now = Date.now();
    w.prepare('INSERT INTO "User" (id, name, username, language, isAdmin, createdAt) VALUES (?, ?, ?, ?, 0, ?)').run(username, "Meneja", username, "sw", now);
    w.prepare('INSERT INTO "Membership" (id, userId, programmeId, role, createdAt) VALUES (?, ?, ?, ?, ?)').run(`${username}_m`, username, id, "manager", now);
  } finally {
    w.close();
  }
  await page.context().clearCookies();
  await signInAs(page, { username });
  await page.goto(`/programmes/${id}/experiment/results`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Matokeo ya jaribio/);
  await expect(page.getByRole("img", { name: /Mtiririko wa biashara 42/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await screenshot(page, "experiment-demo-results-sw");
  await page.goto(`/programmes/${id}/experiment`);
  await expect(page.getByRole("heading", { name: "Mgawanyo" })).toBeVisible();
  await screenshot(page, "experiment-demo-setup-sw");
});
