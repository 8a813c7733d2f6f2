import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { assign } from "~/modules/experiments/assignment";
import { rosterOf } from "~/modules/experiments/experiments.server";
import { loader as codebookLoader } from "~/routes/experiments/codebook";
import { loader as exportLoader } from "~/routes/experiments/export";
import { loader as resultsLoader } from "~/routes/experiments/results";
import { action as setupAction, loader as setupLoader } from "~/routes/experiments/setup";
import { action as visitAction, loader as visitLoader } from "~/routes/coaching/visit-form";
import { makeUser, outcome, routeArgs, unique } from "../support/fixtures";

const DAY = 24 * 60 * 60 * 1000;

/** A programme whose cohort starts in the future, with `n` firms in two clusters of mixed sizes. */
async function futureProgramme(n = 24, startsOn = new Date(Date.now() + 60 * DAY)) {
  const organisation = await db.organisation.create({ data: { name: unique("Agency"), country: "KE" }, select: { id: true } });
  const clusters = await Promise.all(
    ["Kariobangi", "Gikomba"].map((name) => db.cluster.create({ data: { organisationId: organisation.id, name: unique(name), town: "Nairobi", country: "KE", sector: "metalwork" }, select: { id: true } })),
  );
  // The programme opened earlier (visits may be dated from then); this cohort's training starts later.
  const programme = await db.programme.create({ data: { organisationId: organisation.id, name: unique("Programme"), startsOn: new Date("2026-01-01"), languages: "en,sw" }, select: { id: true } });
  const cohort = await db.cohort.create({ data: { programmeId: programme.id, name: unique("Cohort"), startsOn }, select: { id: true } });
  const firmIds: string[] = [];
  for (let i = 0; i < n; i++) firmIds.push(await addFirm(organisation.id, clusters[i % 2]!.id, cohort.id, i % 3 === 0 ? 12 : 3, 2000 + (i % 20)));
  const manager = await makeUser({ roles: [{ programmeId: programme.id, role: "manager" }] });
  return { organisationId: organisation.id, clusterIds: clusters.map((c) => c.id), programmeId: programme.id, cohortId: cohort.id, firmIds, manager, startsOn };
}

async function addFirm(organisationId: string, clusterId: string, cohortId: string, workers: number, foundedYear = 2010) {
  const firm = await db.firm.create({ data: { organisationId, clusterId, name: unique("Firm"), sector: "metalwork", workers, foundedYear }, select: { id: true } });
  await db.enrolment.create({ data: { cohortId, firmId: firm.id } });
  return firm.id;
}

const ARMS = {
  arm0Name: "Classroom",
  arm0Gets: "classes",
  arm0Ratio: "1",
  arm1Name: "Control",
  arm1Gets: "none",
  arm1Ratio: "1",
  arm2Name: "",
  arm2Gets: "both",
  arm2Ratio: "1",
  arm3Name: "",
  arm3Gets: "visits",
  arm3Ratio: "1",
};

async function post(userId: string, programmeId: string, form: Record<string, string | string[]>) {
  return outcome(async () => setupAction(await routeArgs(`/programmes/${programmeId}/experiment`, { userId, form, params: { programmeId } })));
}
async function page(userId: string, programmeId: string) {
  return outcome(async () => setupLoader(await routeArgs(`/programmes/${programmeId}/experiment`, { userId, params: { programmeId } })));
}
async function results(userId: string, programmeId: string) {
  return outcome(async () => resultsLoader(await routeArgs(`/programmes/${programmeId}/experiment/results`, { userId, params: { programmeId } })));
}
const draft = (p: { cohortId: string }, extra: Record<string, string | string[]> = {}) => ({ intent: "draft", clientId: unique("client"), cohortId: p.cohortId, stratifyBy: ["cluster", "size"], ...ARMS, ...extra });

describe("setting up, previewing and freezing an experiment", () => {
  it("draws the seed once, previews the balance, and freezes exactly the previewed assignment", async () => {
    const p = await futureProgramme();
    const created = await post(p.manager.id, p.programmeId, draft(p));
    expect(created.status).toBe(200);
    const first = await db.experiment.findUniqueOrThrow({ where: { programmeId: p.programmeId }, select: { seed: true, status: true } });
    expect(first.status).toBe("draft");
    // Changing the set-up keeps the seed: no re-draw by editing.
    await post(p.manager.id, p.programmeId, draft(p, { arm0Ratio: "2" }));
    await post(p.manager.id, p.programmeId, draft(p));
    const again = await db.experiment.findUniqueOrThrow({ where: { programmeId: p.programmeId }, select: { seed: true } });
    expect(again.seed).toBe(first.seed);

    const preview = await page(p.manager.id, p.programmeId);
    expect(preview.data.draft.firms).toBe(24);
    expect(preview.data.draft.balance.map((r: { covariate: string }) => r.covariate)).toEqual(["workers", "years", "sales", "practice"]);

    const refusedFreeze = await post(p.manager.id, p.programmeId, { intent: "freeze" });
    expect(refusedFreeze.status).toBe(400);
    const frozen = await post(p.manager.id, p.programmeId, { intent: "freeze", confirm: "yes" });
    expect(frozen.status).toBe(200);
    expect(frozen.data.count).toBe(24);

    const experiment = await db.experiment.findUniqueOrThrow({ where: { programmeId: p.programmeId }, select: { id: true, seed: true, baselineUntil: true, arms: { orderBy: { position: "asc" }, select: { id: true, ratio: true } } } });
    const stored = await db.experimentAssignment.findMany({ where: { experimentId: experiment.id }, select: { firmId: true, armId: true } });
    // The same roster, strata and seed give the same assignment, recomputed from scratch.
    const roster = await rosterOf(db, p.programmeId, p.cohortId, experiment.baselineUntil);
    const expected = assign(roster.map((r) => r.firm), experiment.arms.map((a) => ({ key: a.id, ratio: a.ratio })), ["cluster", "size"], experiment.seed).assignments;
    expect(Object.fromEntries(stored.map((s) => [s.firmId, s.armId]))).toEqual(Object.fromEntries(expected.map((a) => [a.firmId, a.arm])));
    expect(stored.filter((s) => s.armId === experiment.arms[1]!.id)).toHaveLength(12);
    const audit = await db.auditEvent.findMany({ where: { entity: "Experiment", entityId: experiment.id }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["experiment.draft.create", "experiment.freeze"]));

    // Frozen: no second freeze, no new draft over it.
    const twice = await post(p.manager.id, p.programmeId, { intent: "freeze", confirm: "yes" });
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.data.result)).toContain("experiments.refused.frozen");
    const redraft = await post(p.manager.id, p.programmeId, draft(p));
    expect(redraft.status).toBe(400);
    expect(JSON.stringify(redraft.data.result)).toContain("experiments.refused.frozen");
    expect(await db.experimentAssignment.count({ where: { experimentId: experiment.id } })).toBe(24);
  });

  it("refuses an experiment on a cohort whose training has begun, and arms without exactly one control", async () => {
    const begun = await futureProgramme(6, new Date(Date.now() - 5 * DAY));
    const refused = await post(begun.manager.id, begun.programmeId, draft(begun));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data.result)).toContain("experiments.refused.trainingBegun");
    expect(await db.experiment.count({ where: { programmeId: begun.programmeId } })).toBe(0);

    const p = await futureProgramme(6);
    const noControl = await post(p.manager.id, p.programmeId, draft(p, { arm1Gets: "visits" }));
    expect(noControl.status).toBe(400);
    expect(JSON.stringify(noControl.data.result)).toContain("experiments.refused.noControl");
  });

  it("a double tap on the set-up form makes one experiment", async () => {
    const p = await futureProgramme(6);
    const form = draft(p);
    await Promise.all([post(p.manager.id, p.programmeId, form), post(p.manager.id, p.programmeId, form)]).catch(() => undefined);
    expect(await db.experiment.count({ where: { programmeId: p.programmeId } })).toBe(1);
  });

  it("merges a stratum with fewer firms than arms and says so in the preview", async () => {
    const p = await futureProgramme(8);
    // One large firm alone in its size band of its cluster.
    await addFirm(p.organisationId, p.clusterIds[0]!, p.cohortId, 40);
    await post(p.manager.id, p.programmeId, draft(p, { stratifyBy: ["cluster", "size"] }));
    const preview = await page(p.manager.id, p.programmeId);
    expect(preview.data.draft.merges.length).toBeGreaterThan(0);
  });

  it("keeps other programmes' managers out", async () => {
    const p = await futureProgramme(4);
    const other = await futureProgramme(4);
    expect((await page(other.manager.id, p.programmeId)).status).toBe(403);
    expect((await post(other.manager.id, p.programmeId, draft(p))).status).toBe(403);
    expect((await results(other.manager.id, p.programmeId)).status).toBe(403);
  });
});

describe("after the freeze", () => {
  async function frozenProgramme() {
    const p = await futureProgramme(24);
    await post(p.manager.id, p.programmeId, draft(p));
    await post(p.manager.id, p.programmeId, { intent: "freeze", confirm: "yes" });
    const experiment = await db.experiment.findUniqueOrThrow({ where: { programmeId: p.programmeId }, select: { id: true, baselineUntil: true, arms: { orderBy: { position: "asc" }, select: { id: true } } } });
    return { ...p, experiment };
  }

  it("assigns firms enrolled later by the same rule within their stratum, marked late, once", async () => {
    const p = await frozenProgramme();
    const late = [await addFirm(p.organisationId, p.clusterIds[0]!, p.cohortId, 3), await addFirm(p.organisationId, p.clusterIds[1]!, p.cohortId, 12)];
    expect((await page(p.manager.id, p.programmeId)).data.frozen.late).toBe(2);
    const done = await post(p.manager.id, p.programmeId, { intent: "late" });
    expect(done.status).toBe(200);
    expect(done.data.count).toBe(2);
    const rows = await db.experimentAssignment.findMany({ where: { experimentId: p.experiment.id, firmId: { in: late } }, select: { late: true, stratum: true, sequence: true } });
    expect(rows.every((r) => r.late)).toBe(true);
    for (const r of rows) {
      const before = await db.experimentAssignment.count({ where: { experimentId: p.experiment.id, stratum: r.stratum, late: false } });
      expect(r.sequence).toBe(before);
    }
    const againDone = await post(p.manager.id, p.programmeId, { intent: "late" });
    expect(againDone.data.count).toBe(0);
    expect(await db.experimentAssignment.count({ where: { experimentId: p.experiment.id } })).toBe(26);
  });

  it("changes a firm's arm only through a documented exception, and keeps the assignment as drawn", async () => {
    const p = await frozenProgramme();
    const a = await db.experimentAssignment.findFirstOrThrow({ where: { experimentId: p.experiment.id }, select: { firmId: true, armId: true } });
    const other = p.experiment.arms.find((arm) => arm.id !== a.armId)!;
    const short = await post(p.manager.id, p.programmeId, { intent: "exception", clientId: unique("c"), firmId: a.firmId, toArmId: other.id, reason: "moved" });
    expect(short.status).toBe(400);
    const same = await post(p.manager.id, p.programmeId, { intent: "exception", clientId: unique("c"), firmId: a.firmId, toArmId: a.armId, reason: "the workshop moved across town" });
    expect(JSON.stringify(same.data.result)).toContain("experiments.refused.sameArm");
    const clientId = unique("c");
    const saved = await post(p.manager.id, p.programmeId, { intent: "exception", clientId, firmId: a.firmId, toArmId: other.id, reason: "the workshop moved across town" });
    expect(saved.status).toBe(200);
    await post(p.manager.id, p.programmeId, { intent: "exception", clientId, firmId: a.firmId, toArmId: other.id, reason: "the workshop moved across town" });
    expect(await db.experimentException.count({ where: { experimentId: p.experiment.id } })).toBe(1);
    const still = await db.experimentAssignment.findFirstOrThrow({ where: { experimentId: p.experiment.id, firmId: a.firmId }, select: { armId: true } });
    expect(still.armId).toBe(a.armId);
  });

  it("refuses the analysis with no follow-up, then estimates once outcomes are recorded, and exports one row per firm", async () => {
    const p = await frozenProgramme();
    const refused = await results(p.manager.id, p.programmeId);
    expect(refused.status).toBe(400);
    expect(refused.data.refused).toBe("noFollowUp");
    expect(refused.data.flowRows).toHaveLength(2);

    const assignments = await db.experimentAssignment.findMany({ where: { experimentId: p.experiment.id }, select: { firmId: true, armId: true } });
    const treated = p.experiment.arms[0]!.id;
    const base = new Date(p.experiment.baselineUntil.getTime() - 10 * DAY);
    const follow = new Date(p.startsOn.getTime() + 365 * DAY);
    await db.outcome.createMany({
      data: assignments.flatMap((a, i) => [
        { programmeId: p.programmeId, firmId: a.firmId, date: base, sales: 1000, workers: 4, practiceScore: 0.3, source: "import" },
        { programmeId: p.programmeId, firmId: a.firmId, date: follow, sales: a.armId === treated ? 1200 + (i % 5) * 10 : 1100 + (i % 5) * 10, workers: 5, practiceScore: a.armId === treated ? 0.5 : 0.35, source: "import", createdAt: new Date() },
      ]),
    });
    const read = await results(p.manager.id, p.programmeId);
    expect(read.status).toBe(200);
    const sales = read.data.analysis.effects.find((e: { outcome: string }) => e.outcome === "salesGrowth");
    expect(sales.n).toBe(24);
    expect(sales.arms[0].itt.estimate).toBeCloseTo(0.1, 1);
    expect(sales.arms[0].riPValue).toBeLessThan(0.05);
    const practice = read.data.analysis.effects.find((e: { outcome: string }) => e.outcome === "practice");
    expect(practice.arms[0].itt.estimate).toBeCloseTo(0.15, 6);

    const csv = await exportLoader(await routeArgs(`/programmes/${p.programmeId}/experiment/export`, { userId: p.manager.id, params: { programmeId: p.programmeId } }));
    const text = await (csv as Response).text();
    expect(text.trim().split(/\r\n/)).toHaveLength(25);
    expect(text).toContain("arm_index");
    const codebook = await codebookLoader(await routeArgs(`/programmes/${p.programmeId}/experiment/codebook`, { userId: p.manager.id, params: { programmeId: p.programmeId } }));
    expect(await (codebook as Response).text()).toContain("sales_growth");
  });
});

describe("arms respected in delivery", () => {
  it("warns a trainer visiting a control firm, refuses the visit without a confirmed reason, and records it as non-compliance", async () => {
    const p = await futureProgramme(8);
    await post(p.manager.id, p.programmeId, draft(p, { arm0Name: "Classes and coaching", arm0Gets: "both" }));
    await post(p.manager.id, p.programmeId, { intent: "freeze", confirm: "yes" });
    const experiment = await db.experiment.findUniqueOrThrow({ where: { programmeId: p.programmeId }, select: { id: true, arms: { orderBy: { position: "asc" }, select: { id: true } } } });
    const control = await db.experimentAssignment.findFirstOrThrow({ where: { experimentId: experiment.id, armId: experiment.arms[1]!.id }, select: { firmId: true } });
    const treated = await db.experimentAssignment.findFirstOrThrow({ where: { experimentId: experiment.id, armId: experiment.arms[0]!.id }, select: { firmId: true } });
    const trainer = await makeUser({ roles: [{ programmeId: p.programmeId, role: "trainer" }] });
    await db.cohortTrainer.create({ data: { cohortId: p.cohortId, userId: trainer.id } });
    const visit = async (firmId: string, extra: Record<string, string> = {}) =>
      outcome(async () =>
        visitAction(await routeArgs(`/firms/${firmId}/visits/new`, { userId: trainer.id, params: { firmId }, form: { clientId: crypto.randomUUID(), date: "2026-03-10", durationMinutes: "120", "item.five_s_sort": "1", ...extra } })),
      );
    const loaded = await outcome(async () => visitLoader(await routeArgs(`/firms/${control.firmId}/visits/new`, { userId: trainer.id, params: { firmId: control.firmId } })));
    expect(loaded.data.armWarning).toEqual({ armName: "Control" });
    const other = await outcome(async () => visitLoader(await routeArgs(`/firms/${treated.firmId}/visits/new`, { userId: trainer.id, params: { firmId: treated.firmId } })));
    expect(other.data.armWarning).toBeNull();

    const refused = await visit(control.firmId);
    expect(refused.status).toBe(400);
    expect(refused.data.errors.experimentReason).toEqual(["experiments.visit.needConfirm"]);
    expect(await db.coachingVisit.count({ where: { firmId: control.firmId } })).toBe(0);

    const saved = await visit(control.firmId, { experimentConfirm: "yes", experimentReason: "The owner asked for help after a fire" });
    expect(saved.status).toBe(302);
    const rows = await db.experimentNonCompliance.findMany({ where: { experimentId: experiment.id }, select: { firmId: true, kind: true, reason: true } });
    expect(rows).toEqual([{ firmId: control.firmId, kind: "visit", reason: "The owner asked for help after a fire" }]);
    // A firm whose arm offers visits needs no confirmation.
    expect((await visit(treated.firmId)).status).toBe(302);
    // Once the firm's follow-up is recorded, the comparison is measured and visits are free again.
    const { baselineUntil } = await db.experiment.findUniqueOrThrow({ where: { id: experiment.id }, select: { baselineUntil: true } });
    await db.outcome.create({ data: { programmeId: p.programmeId, firmId: control.firmId, date: new Date(baselineUntil.getTime() + 300 * DAY), sales: 100, source: "form" } });
    const after = await outcome(async () => visitLoader(await routeArgs(`/firms/${control.firmId}/visits/new`, { userId: trainer.id, params: { firmId: control.firmId } })));
    expect(after.data.armWarning).toBeNull();
  });
});
