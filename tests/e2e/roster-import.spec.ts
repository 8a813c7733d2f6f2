import { database, expect, expectNoSidewaysScroll, screenshot, signInAs, test } from "./support/fixtures";

function demoNames() {
  const db = database();
  try {
    const cohort = db.prepare(`SELECT c.name, c.programmeId FROM "Cohort" c WHERE c.name = 'Kariobangi metalwork 2026'`).get() as { name: string; programmeId: string };
    const cluster = db.prepare(`SELECT name FROM "Cluster" WHERE country = 'KE'`).get() as { name: string };
    return { cohort: cohort.name, programmeId: cohort.programmeId, cluster: cluster.name };
  } finally {
    db.close();
  }
}

const HEADER = "cohort,cluster,firm_name,sector,workers,founded_year,owner_name,owner_phone,owner_language,consent_date";

test("a manager imports a roster: errors are shown row by row and nothing is saved, then the corrected file is saved", async ({ page }) => {
  await signInAs(page, { email: "manager@demo.kaizen.test" });
  const { cohort, cluster, programmeId } = demoNames();
  const suffix = String(Date.now()).slice(-6);
  const good1 = `Kamau Gates ${suffix},${"metalwork"},5,2011,Joseph Kamau ${suffix},+254 733 ${suffix.slice(0, 3)} ${suffix.slice(3)}`;
  const bad = [
    HEADER,
    `${cohort},${cluster},${good1},sw,2026-02-01`,
    `${cohort},Suame Magazine,Asante Fitting,metalwork,3,2016,Kofi Asante,+233 244 ${suffix.slice(0, 3)} ${suffix.slice(3)},en,`,
    `${cohort},${cluster},Wambui Welders,metalwork,4,2031,Grace Wambui,+254 733 ${suffix.slice(0, 3)} ${suffix.slice(3)},sw,2026-02-30`,
  ].join("\n");

  await page.goto(`/programmes/${programmeId}/roster`);
  await page.getByLabel("CSV file").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("4 problems found. Nothing was saved.")).toBeVisible();
  const problems = page.locator("tbody tr");
  await expect(problems.nth(0)).toContainText("No cluster called “Suame Magazine”");
  await expect(problems.nth(1)).toContainText("not a year between 1900 and this year");
  await expect(problems.nth(2)).toContainText("not a date written like 2026-03-14");
  await expect(problems.nth(3)).toContainText("is already used in row 2");
  await expectNoSidewaysScroll(page);
  await screenshot(page, "roster-import-errors-en");
  const count = () => {
    const db = database();
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM "Firm" WHERE name LIKE ?`).get(`Kamau Gates ${suffix}%`) as { n: number }).n;
    } finally {
      db.close();
    }
  };
  expect(count()).toBe(0);

  const fixed = [
    HEADER,
    `${cohort},${cluster},${good1},sw,2026-02-01`,
    `${cohort},${cluster},Wambui Welders ${suffix},metalwork,4,2019,Grace Wambui ${suffix},+254 734 ${suffix.slice(0, 3)} ${suffix.slice(3)},sw,2026-02-03`,
  ].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("Every row is right: 2 businesses and 2 owners.")).toBeVisible();
  expect(count()).toBe(0);
  await page.getByRole("button", { name: "Save all 2 owners" }).click();
  await expect(page.getByText("2 owners saved.")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`Grace Wambui ${suffix}`) })).toContainText(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
  expect(count()).toBe(1);
  await screenshot(page, "owner-codes-en");
});
