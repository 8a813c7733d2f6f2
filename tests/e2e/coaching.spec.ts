import { deflateSync } from "node:zlib";
import type { Page } from "@playwright/test";
import { database, expect, expectNoAxeViolations, expectNoSidewaysScroll, screenshot, signInAs, test, twinTrainer, waitForOfflineReady } from "./support/fixtures";

const NAIROBI_TRAINER = { phone: "254711000101" };
const ADDIS_TRAINER = { phone: "251911000201" };

/** A real photo-sized PNG (noisy, so it does not compress to nothing), like a phone camera's. */
function photoPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width * 3; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      raw[y * (width * 3 + 1) + 1 + x] = ((x + y) & 0xff) ^ (seed & 0x3f);
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** A firm of the Kariobangi cohort, a different one per test so parallel tests do not meet. */
function kariobangiFirm(index: number): { id: string; name: string } {
  const db = database();
  try {
    return db
      .prepare(`SELECT f.id, f.name FROM Firm f JOIN Cluster c ON c.id = f.clusterId WHERE c.name = 'Kariobangi Light Industries' ORDER BY f.name LIMIT 1 OFFSET ?`)
      .get(index) as { id: string; name: string };
  } finally {
    db.close();
  }
}

function visitsOf(firmId: string): { id: string; notes: string }[] {
  const db = database();
  try {
    return db.prepare(`SELECT id, notes FROM CoachingVisit WHERE firmId = ? ORDER BY date, createdAt`).all(firmId) as { id: string; notes: string }[];
  } finally {
    db.close();
  }
}

function photosOf(visitId: string): { width: number; height: number; bytes: number; mediaType: string }[] {
  const db = database();
  try {
    return db.prepare(`SELECT width, height, bytes, mediaType FROM VisitPhoto WHERE visitId = ?`).all(visitId) as never;
  } finally {
    db.close();
  }
}

/** The demo trainers read Kiswahili and Amharic; these tests read English, as a twin of the trainer. */
async function signInInEnglish(page: Page, trainer: { phone: string }) {
  await signInAs(page, twinTrainer(trainer.phone, "en"));
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
}

async function markPreviousActions(page: Page, label: "Done" | "Partly done" | "Not done") {
  const section = page.getByRole("group", { name: /Actions agreed at the last visit/ });
  for (const action of await section.getByRole("group").all()) await action.getByText(label, { exact: true }).click();
}

async function fillChecklist(page: Page) {
  await page.getByRole("group", { name: "Unneeded items removed" }).getByText("2 Fully").click();
  await page.getByRole("group", { name: "Tools have marked places" }).getByText("1 Partly").click();
  await page.getByRole("group", { name: "Daily sales recorded" }).getByText("2 Fully").click();
  await page.getByRole("group", { name: "Business and household cash separated" }).getByText("1 Yes").click();
  await page.getByRole("group", { name: "Has a written sales or improvement target" }).getByText("0 No").click();
}

test.describe("coaching visits", () => {
  test("a trainer records a full visit online, with a photo made small on the phone", async ({ page }) => {
    test.setTimeout(60_000);
    await signInInEnglish(page, NAIROBI_TRAINER);
    const firm = kariobangiFirm(2);
    const before = visitsOf(firm.id).length;
    await page.goto("/coaching");
    await page.getByRole("listitem").filter({ hasText: firm.name }).getByRole("link", { name: "Record a visit" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Visit ${before + 1} to ${firm.name}`);
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await screenshot(page, "coaching-visit-form-en");

    await page.getByLabel("Length of the visit (minutes)").fill("165");
    await markPreviousActions(page, "Done");
    await fillChecklist(page);
    await page.getByLabel("Months of sales and cost records you saw").fill("4");
    await page.getByLabel("Notes").fill("Tool wall finished; sales book kept daily.");
    await page.getByLabel("Action 1").fill("Paint floor lines around the welding bay");
    await page.getByLabel("Action 2").fill("Work out the cost of one gate");
    await page.getByLabel("Photo 1", { exact: true }).setInputFiles({ name: "IMG_2041.png", mimeType: "image/png", buffer: photoPng(2400, 1800) });
    await expect(page.locator(".photo-slot__preview").first()).toBeVisible();
    await page.getByRole("button", { name: "Save the visit" }).click();

    await expect(page).toHaveURL(new RegExp(`/firms/${firm.id}/visits#visit-`));
    const visits = visitsOf(firm.id);
    expect(visits).toHaveLength(before + 1);
    const latest = page.locator(`#visit-${visits.at(-1)!.id}`);
    await expect(latest).toContainText("Paint floor lines around the welding bay");
    await expect(latest).toContainText("Records seen: 4 months");
    const photos = photosOf(visits.at(-1)!.id);
    expect(photos).toHaveLength(1);
    expect(photos[0]!.mediaType).toBe("image/jpeg");
    expect(Math.max(photos[0]!.width, photos[0]!.height)).toBe(1280);
    expect(photos[0]!.bytes).toBeLessThanOrEqual(200 * 1024);
    const image = latest.getByRole("img", { name: /Before photo/ });
    await expect(image).toBeVisible();
    await image.scrollIntoViewIfNeeded();
    // Served back to the trainer: the real image, not a broken link.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1280);
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await screenshot(page, "coaching-timeline-en");
  });

  test("the follow-up visit opens with last visit's actions, and their outcomes show on the timeline", async ({ page }) => {
    await signInInEnglish(page, NAIROBI_TRAINER);
    const firm = kariobangiFirm(3);
    await page.goto(`/firms/${firm.id}/visits/new`);
    await markPreviousActions(page, "Not done");
    await fillChecklist(page);
    await page.getByLabel("Action 1").fill("Count the steel stock every Friday");
    await page.getByLabel("Action 2").fill("Ask three customers for feedback this month");
    await page.getByRole("button", { name: "Save the visit" }).click();
    await expect(page).toHaveURL(/#visit-/);

    await page.goto(`/firms/${firm.id}/visits/new`);
    const followUp = page.getByRole("group", { name: /Actions agreed at the last visit/ });
    await expect(followUp.getByRole("group")).toHaveCount(2);
    await expect(followUp.getByRole("group", { name: "Count the steel stock every Friday" })).toBeVisible();
    await expect(followUp.getByRole("group", { name: "Ask three customers for feedback this month" })).toBeVisible();
    // Forgetting one is refused beside it; what was marked stays.
    await followUp.getByRole("group", { name: "Count the steel stock every Friday" }).getByText("Done", { exact: true }).click();
    await fillChecklist(page);
    await page.getByRole("button", { name: "Save the visit" }).click();
    await expect(followUp.getByRole("group", { name: "Ask three customers for feedback this month" })).toContainText("Mark whether this action was done.");
    await followUp.getByRole("group", { name: "Ask three customers for feedback this month" }).getByText("Partly done", { exact: true }).click();
    await page.getByRole("button", { name: "Save the visit" }).click();
    await expect(page).toHaveURL(/#visit-/);

    const reviewed = page.locator(".visit-card").nth(-2);
    await expect(reviewed.getByRole("listitem").filter({ hasText: "Count the steel stock every Friday" })).toContainText("Done");
    await expect(reviewed.getByRole("listitem").filter({ hasText: "Ask three customers for feedback this month" })).toContainText("Partly done");
  });

  test("an owner sees their visits, scores and agreed actions in Amharic", async ({ page }) => {
    const owner = await signInAs(page, { phone: "251922000001" });
    const db = database();
    const { firmId } = db.prepare(`SELECT firmId FROM "User" WHERE id = ?`).get(owner.id) as { firmId: string };
    const action = db.prepare(`SELECT a.text FROM ActionItem a JOIN CoachingVisit v ON v.id = a.visitId WHERE v.firmId = ? ORDER BY v.date LIMIT 1`).get(firmId) as { text: string };
    db.close();
    await page.goto("/");
    await page.getByRole("link", { name: "የእርስዎ የምክር ጉብኝቶች" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "am");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("የእርስዎ የምክር ጉብኝቶች");
    await expect(page.getByRole("img", { name: "በየጉብኝቱ የአሠራር ውጤት" })).toBeVisible();
    await expect(page.getByText("የአሠራር ውጤት፦").first()).toBeVisible();
    await expect(page.getByText("የሥራ ፍሰትና ጥራት").first()).toBeVisible();
    await expect(page.getByText(action.text).first()).toBeVisible();
    // The coach's notes are for programme staff, and there is no form for the owner.
    await expect(page.locator(".visit-card__notes")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "ጉብኝት መዝግብ" })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await screenshot(page, "coaching-timeline-owner-am");
  });

  test("a trainer of another cohort is refused the firm's visit form, timeline and photos", async ({ page }) => {
    await signInInEnglish(page, ADDIS_TRAINER);
    const firm = kariobangiFirm(4);
    expect((await page.goto(`/firms/${firm.id}/visits/new`))?.status()).toBe(403);
    expect((await page.goto(`/firms/${firm.id}/visits`))?.status()).toBe(403);
    const response = await page.request.post(`/firms/${firm.id}/visits/new`, {
      multipart: { clientId: crypto.randomUUID(), date: "2026-06-01", durationMinutes: "120", "item.flow_wip": "1" },
    });
    expect(response.status()).toBe(403);
    expect(visitsOf(firm.id).every((v) => !v.notes.includes("refused"))).toBe(true);
  });
});

test.describe("coaching visits without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a date in the future is refused beside the field, what was typed stays, and the corrected visit is saved once", async ({ page }) => {
    await signInInEnglish(page, NAIROBI_TRAINER);
    const firm = kariobangiFirm(5);
    const before = visitsOf(firm.id).length;
    await page.goto(`/firms/${firm.id}/visits/new`);
    await page.getByLabel("Date of the visit").fill("2099-01-01");
    await markPreviousActions(page, "Partly done");
    await fillChecklist(page);
    await page.getByLabel("Notes").fill("Typed before the mistake");
    await page.getByLabel("Action 1").fill("Sort the offcuts by size");
    await page.getByRole("button", { name: "Save the visit" }).click();
    await expect(page.getByText("The date cannot be in the future.")).toBeVisible();
    await expect(page.getByLabel("Notes")).toHaveValue("Typed before the mistake");
    await expect(page.getByLabel("Action 1")).toHaveValue("Sort the offcuts by size");
    await expect(page.getByRole("group", { name: "Unneeded items removed" }).getByRole("radio", { name: "2 Fully" })).toBeChecked();
    expect(visitsOf(firm.id)).toHaveLength(before);

    await page.getByLabel("Date of the visit").fill(new Date().toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Save the visit" }).click();
    await expect(page).toHaveURL(new RegExp(`/firms/${firm.id}/visits`));
    expect(visitsOf(firm.id)).toHaveLength(before + 1);
  });
});

test.describe("coaching visits offline", () => {
  test("a visit recorded with no network (page reloaded offline) arrives exactly once when the network returns", async ({ page, context }) => {
    test.setTimeout(120_000);
    await signInInEnglish(page, NAIROBI_TRAINER);
    const firm = kariobangiFirm(6);
    const before = visitsOf(firm.id).length;
    await page.goto("/coaching");
    await waitForOfflineReady(page, { pageCached: false });
    // Opening the firm list keeps every firm's visit form, and the code it needs, on the phone.
    const cached = (name: string) => page.evaluate(async (cache) => (await (await caches.open(cache)).keys()).map((r) => new URL(r.url).pathname), name);
    await expect.poll(() => cached("kaizen-pages-v1"), { timeout: 40_000 }).toContain(`/firms/${firm.id}/visits/new`);
    await expect.poll(async () => (await cached("kaizen-assets-v1")).some((path) => path.includes("visit-form")), { timeout: 20_000 }).toBe(true);

    await context.setOffline(true);
    await page.getByRole("listitem").filter({ hasText: firm.name }).getByRole("link", { name: "Record a visit" }).click();
    // Offline, the tap becomes a full page load from the worker's copy: let it finish before reloading.
    await page.waitForURL(new RegExp(`/firms/${firm.id}/visits/new`));
    await page.waitForLoadState("load");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(firm.name);
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[name="clientId"]')?.value.length === 36);
    await markPreviousActions(page, "Done");
    await fillChecklist(page);
    await page.getByLabel("Notes").fill("Recorded in the workshop without network");
    await page.getByLabel("Action 1").fill("Hang the grinder on its marked hook");
    await page.getByLabel("Photo 1", { exact: true }).setInputFiles({ name: "IMG_2050.png", mimeType: "image/png", buffer: photoPng(1600, 1200) });
    await expect(page.locator(".photo-slot__preview").first()).toBeVisible();
    await page.getByRole("button", { name: "Save the visit" }).click();
    await expect(page.getByText("No network: the visit is saved on this phone")).toBeVisible();
    await expect(page.getByTestId("outbox-waiting")).toBeVisible();
    await screenshot(page, "coaching-visit-queued-en");
    expect(visitsOf(firm.id)).toHaveLength(before);

    await context.setOffline(false);
    await expect.poll(() => visitsOf(firm.id).length, { timeout: 15_000 }).toBe(before + 1);
    await expect(page.getByTestId("outbox-waiting")).toHaveCount(0, { timeout: 15_000 });
    // Another page load sends whatever waits: nothing does, and nothing is stored twice.
    await page.goto(`/firms/${firm.id}/visits`);
    await expect(page.getByText("Hang the grinder on its marked hook")).toBeVisible();
    const visits = visitsOf(firm.id);
    expect(visits).toHaveLength(before + 1);
    expect(visits.at(-1)!.notes).toBe("Recorded in the workshop without network");
    expect(photosOf(visits.at(-1)!.id)).toHaveLength(1);
  });
});
