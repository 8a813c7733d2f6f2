import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { currentModel, decide, validityReport } from "~/modules/screening/screening.server";
import { action as calibrationAction, loader as calibrationLoader } from "~/routes/screening/calibration";
import { makeProgramme, makeUser, outcome, routeArgs } from "../support/fixtures";
import { firmAt, makeScreenedProgramme } from "../support/screening";

const path = (programmeId: string, query = "") => `/programmes/${programmeId}/screening/calibration${query}`;

/** Firms at spread levels; their growth follows their level, with a fixed zig-zag as noise. */
async function pastCohort(size = 44) {
  const levels = Array.from({ length: size }, (_, i) => ((i * 17) % size) / (size - 1));
  const p = await makeScreenedProgramme(levels.map((level, i) => (i % 5 === 4 ? { ...firmAt(level), visits: null } : firmAt(level))));
  const growthOf = (i: number) => 0.1 + 0.5 * levels[i]! + (i % 3 === 0 ? 0.2 : -0.1);
  return { p, levels, growthOf };
}

async function recordOutcomes(programmeId: string, firms: { firmId: string }[], growthOf: (i: number) => number, measure: "sales" | "workers" = "sales") {
  // One row per firm and day holds every measure: a second measure fills in the same rows.
  for (const [i, f] of firms.entries()) {
    for (const [date, value] of [["2026-06-01", 1000], ["2028-06-01", Math.round(1000 * (1 + growthOf(i)))]] as const) {
      const key = { programmeId, firmId: f.firmId, date: new Date(date) };
      await db.outcome.upsert({ where: { programmeId_firmId_date: key }, create: { ...key, [measure]: value, source: "import" }, update: { [measure]: value } });
    }
  }
}

async function page(userId: string, programmeId: string, query: string) {
  return outcome(async () => calibrationLoader(await routeArgs(path(programmeId, query), { userId, params: { programmeId } })));
}

async function adopt(userId: string, programmeId: string, form: Record<string, string | string[]>) {
  return outcome(async () => calibrationAction(await routeArgs(path(programmeId), { userId, form, params: { programmeId } })));
}

describe("calibration", () => {
  it("refuses clearly: no outcomes, a measure nobody recorded, a single firm; and another programme's manager", async () => {
    const { p, growthOf } = await pastCohort(3);
    const q = (measure: string) => `?cohort=${p.cohortId}&measure=${measure}&compute=1`;
    expect((await page(p.manager.id, p.programmeId, q("sales"))).data.run).toEqual({ ok: false, problem: "noOutcomes" });
    await recordOutcomes(p.programmeId, p.firms.slice(0, 1), growthOf);
    expect((await page(p.manager.id, p.programmeId, q("workers"))).data.run).toEqual({ ok: false, problem: "measureNotRecorded" });
    const single = (await page(p.manager.id, p.programmeId, q("sales"))).data.run;
    expect(single.ok).toBe(true);
    expect(single.result).toEqual({ ok: false, reason: "tooFew", n: 1 });
    const other = await makeProgramme();
    const stranger = await makeUser({ roles: [{ programmeId: other.programmeId, role: "manager" }] });
    expect((await page(stranger.id, p.programmeId, q("sales"))).status).toBe(403);
    // Nothing to adopt: the refusal is a 400 and no version is written.
    const refused = await adopt(p.manager.id, p.programmeId, { cohort: [p.cohortId], measure: "sales", fingerprint: single.fingerprint });
    expect(refused.status).toBe(400);
    expect(await db.screeningModelVersion.count({ where: { programmeId: p.programmeId } })).toBe(0);
  }, 120_000);

  it("proposes weights on followed-up firms, adopts them once as a new version, shares them within the organisation, refuses stale proposals", async () => {
    const { p, growthOf } = await pastCohort();
    await recordOutcomes(p.programmeId, p.firms, growthOf);
    // The same outcomes imported twice must not count twice (nor change the proposal).
    const before = (await page(p.manager.id, p.programmeId, `?cohort=${p.cohortId}&compute=1`)).data.run;
    await recordOutcomes(p.programmeId, p.firms, growthOf);
    const first = await page(p.manager.id, p.programmeId, "");
    expect(first.data.chosen).toEqual([p.cohortId]);
    const computed = await page(p.manager.id, p.programmeId, `?cohort=${p.cohortId}&measure=sales&compute=1`);
    const run = computed.data.run;
    expect(run.ok).toBe(true);
    expect(run.fingerprint).toBe(before.fingerprint);
    expect(run.result.ok).toBe(true);
    expect(run.result.n).toBe(44);
    expect(run.result.figures.map((f: { predictor: string }) => f.predictor)).toEqual([
      "current",
      "proposed",
      "practiceAdoption",
      "practiceImprovement",
      "followThrough",
      "knowledge",
      "attendance",
      "recordsEvidence",
    ]);
    for (const f of run.result.figures) if (f.spearman !== null) expect(f.interval[0]).toBeLessThanOrEqual(f.interval[1]);

    const form = { cohort: [p.cohortId], measure: "sales", fingerprint: run.fingerprint };
    const adopted = await adopt(p.manager.id, p.programmeId, form);
    expect(adopted.status).toBe(200);
    expect(adopted.data.version).toBe(2);
    const model = await currentModel(db, p.programmeId);
    expect(model.version).toBe(2);
    expect(model.weights).toEqual(run.result.weights);
    expect(model.thresholds.componentAgreement).toBe(run.result.agreement);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { programmeId: p.programmeId, action: "screening.model.calibrate" } });
    const after = JSON.parse(audit.after!);
    expect(after.version).toBe(2);
    expect(after.basis.figures).toHaveLength(8);
    expect(after.basis.fingerprint).toBe(run.fingerprint);
    expect(JSON.parse(audit.before!).version).toBe(1);

    // A double tap: the same version, one row.
    const again = await adopt(p.manager.id, p.programmeId, form);
    expect(again.data.version).toBe(2);
    expect(await db.screeningModelVersion.count({ where: { programmeId: p.programmeId } })).toBe(1);

    // Another programme of the organisation may learn from this cohort; another organisation may not.
    const sibling = await db.programme.create({
      data: { organisationId: p.organisationId, name: "Next year", startsOn: new Date("2027-01-01") },
      select: { id: true },
    });
    const siblingManager = await makeUser({ roles: [{ programmeId: sibling.id, role: "manager" }] });
    const listed = await page(siblingManager.id, sibling.id, "");
    expect(listed.data.cohorts.map((c: { id: string }) => c.id)).toContain(p.cohortId);
    expect(listed.data.chosen).toEqual([]);
    expect((await page(siblingManager.id, sibling.id, `?cohort=${p.cohortId}&compute=1`)).data.run.result.ok).toBe(true);
    const foreign = await makeProgramme();
    const foreignManager = await makeUser({ roles: [{ programmeId: foreign.programmeId, role: "manager" }] });
    expect((await page(foreignManager.id, foreign.programmeId, `?cohort=${p.cohortId}&compute=1`)).data.run).toEqual({ ok: false, problem: "noCohorts" });

    // Data changed since the proposal (a new outcome): refused, nothing written, compute again offered.
    const fresh = (await page(p.manager.id, p.programmeId, `?cohort=${p.cohortId}&measure=sales&compute=1`)).data.run;
    await db.outcome.create({ data: { programmeId: p.programmeId, firmId: p.firms[0]!.firmId, date: new Date("2029-06-01"), sales: 5000, source: "form" } });
    const stale = await adopt(p.manager.id, p.programmeId, { ...form, fingerprint: fresh.fingerprint });
    expect(stale.status).toBe(400);
    expect(stale.data.changed).toBe(true);
    expect(stale.data.result.error[""]).toEqual(["calibration.dataChanged"]);
    expect(await db.screeningModelVersion.count({ where: { programmeId: p.programmeId } })).toBe(1);
    // A past cohort of 44 firms and eight calibrations: slow on a busy machine, not a budget.
  }, 300_000);
});

describe("validity over every firm followed up", () => {
  it("counts firms without a decision, reads a re-imported outcome once, and warns on a partial follow-up", async () => {
    const { p, growthOf } = await pastCohort(5);
    await decide(db, { programmeId: p.programmeId, firmId: p.firms[0]!.firmId, decision: "selected", reason: "test", userId: p.manager.id, comparisonGroup: "cohort" });
    await recordOutcomes(p.programmeId, p.firms, growthOf);
    // The first firm's later sales imported again, corrected: the stored figure is replaced and read once.
    await db.outcome.update({ where: { programmeId_firmId_date: { programmeId: p.programmeId, firmId: p.firms[0]!.firmId, date: new Date("2028-06-01") } }, data: { sales: 3000 } });
    const report = await validityReport(db, p.programmeId, "sales");
    expect(report.followedUp).toBe(5);
    expect(report.decided).toBe(1);
    expect(report.byDecision.find((g) => g.group === "selected")).toMatchObject({ n: 1, meanGrowth: 2 });
    expect(report.byDecision.find((g) => g.group === "undecided")!.n).toBe(4);
    const total = report.predictors.find((x) => x.predictor === "total")!;
    expect(total.n).toBe(5);
    expect(total.interval).not.toBeNull();
    // Five of six scored firms followed up (the fixture's firm without evidence has no score).
    expect(report.screened).toBe(5);
    expect(report.fifthsCovered).toBe(5);
  }, 120_000);
});
