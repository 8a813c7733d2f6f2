import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { programmeEvidence } from "~/modules/screening/evidence-store.server";
import { runScreening, validityReport } from "~/modules/screening/screening.server";
import { loader as exportLoader } from "~/routes/screening/export";
import { action as firmAction, loader as firmLoader } from "~/routes/screening/firm";
import { loader as listLoader } from "~/routes/screening/list";
import { loader as mineLoader } from "~/routes/screening/mine";
import { action as modelAction } from "~/routes/screening/model";
import { action as outcomesAction } from "~/routes/screening/outcomes";
import { loader as validityLoader } from "~/routes/screening/validity";
import { makeProgramme, makeUser, outcome, routeArgs } from "../support/fixtures";
import { firmAt, makeScreenedProgramme } from "../support/screening";

const path = (programmeId: string, rest = "") => `/programmes/${programmeId}/screening${rest}`;

async function decideAs(userId: string, programmeId: string, firmId: string, form: Record<string, string>) {
  return outcome(async () => firmAction(await routeArgs(path(programmeId, `/firms/${firmId}`), { userId, form, params: { programmeId, firmId } })));
}

describe("screening evidence from the database", () => {
  it("gathers attendance, quiz attempts and visits per firm, and leaves missing sources undefined, never zero", async () => {
    const p = await makeScreenedProgramme([
      {
        attendance: ["present", "late", "excused", "absent", "present"],
        quiz: [
          { module: "kaizen-mindset", pre: 40, post: 80 },
          { module: "seven-wastes", pre: 60, post: 70 },
        ],
        visits: [
          { date: "2026-03-01", inPlace: 5, recordsMonthsSeen: 2 },
          { date: "2026-04-01", inPlace: 10, actions: ["done", "partly"], recordsMonthsSeen: 4 },
        ],
      },
      { attendance: ["present", "present", "present", "present", "present"], quiz: null, visits: null },
    ]);
    const gathered = await programmeEvidence(db, p.programmeId, new Date("2026-06-01"));
    const [a, b] = p.firms;
    const ea = gathered.evidence.find((e) => e.id === a!.firmId)!;
    expect(ea.attendance).toEqual({ held: 5, attended: 2, late: 1, excused: 1 });
    expect(ea.quiz).toEqual([
      { moduleSlug: "kaizen-mindset", preTestScore: 0.4, postTestFirstScore: 0.8, postTestBestScore: 0.8 },
      { moduleSlug: "seven-wastes", preTestScore: 0.6, postTestFirstScore: 0.7, postTestBestScore: 0.7 },
    ]);
    expect(ea.visits).toHaveLength(2);
    expect(ea.visits![1]!.actions).toEqual([{ outcome: null }, { outcome: null }]);
    expect(ea.visits![0]!.actions.map((x) => x.outcome)).toEqual(["done", "partly"]);
    expect(ea.recordsMonthsSeen).toBe(4);
    const eb = gathered.evidence.find((e) => e.id === b!.firmId)!;
    expect(eb.quiz).toBeUndefined();
    expect(eb.visits).toBeUndefined();
    expect(eb.recordsMonthsSeen).toBeUndefined();
    const empty = gathered.evidence.find((e) => e.id === p.emptyFirmId)!;
    expect(empty.attendance).toBeUndefined();
    expect(gathered.counts.get(a!.firmId)).toMatchObject({ sessionsHeld: 5, sessionsAttended: 2, sessionsLate: 1, quizAttempts: 4, visits: 2 });
  });

  it("ranks firms with better evidence higher, and a firm without visits is not scored as zero on practice", async () => {
    const p = await makeScreenedProgramme([firmAt(0.1, "Low"), firmAt(0.9, "High"), firmAt(0.5, "Middle"), { ...firmAt(0.9, "No visits"), visits: null }]);
    const run = await runScreening(db, p.programmeId, "cohort", new Date("2026-06-01"));
    const names = run.results.map((r) => run.facts.get(r.firmId)!.name);
    expect(names.indexOf("High")).toBeLessThan(names.indexOf("Middle"));
    expect(names.indexOf("Middle")).toBeLessThan(names.indexOf("Low"));
    const noVisits = run.results.find((r) => run.facts.get(r.firmId)!.name === "No visits")!;
    expect(noVisits.components.practiceAdoption.status).toBe("insufficient");
    expect(noVisits.components.practiceAdoption.raw).toBeNull();
    expect(noVisits.confidence.level).toBe("low");
    // Strong in class, nothing on site: it stays above the weakest firm, not dragged to the bottom.
    expect(noVisits.total!).toBeGreaterThan(run.results.find((r) => run.facts.get(r.firmId)!.name === "Low")!.total!);
    const empty = run.results.find((r) => r.firmId === p.emptyFirmId)!;
    expect(empty.total).toBeNull();
    expect(empty.eligibility.reasons).toContain("noEvidence");
  });
});

describe("the screening pages", () => {
  it("shows managers the ranked list with filters, and refuses a manager of another programme", async () => {
    const p = await makeScreenedProgramme([firmAt(0.2, "Alpha"), firmAt(0.8, "Beta")]);
    const list = await outcome(async () => listLoader(await routeArgs(path(p.programmeId), { userId: p.manager.id, params: { programmeId: p.programmeId } })));
    expect(list.status).toBe(200);
    expect(list.data.rows.map((r: { name: string }) => r.name).slice(0, 2)).toEqual(["Beta", "Alpha"]);
    expect(list.data.rows[0]).toMatchObject({ position: 1, eligible: true });
    const filtered = await outcome(async () =>
      listLoader(await routeArgs(path(p.programmeId, "?cohort=nope"), { userId: p.manager.id, params: { programmeId: p.programmeId } })),
    );
    expect(filtered.data.rows).toEqual([]);

    const other = await makeProgramme();
    const stranger = await makeUser({ roles: [{ programmeId: other.programmeId, role: "manager" }] });
    const refused = await outcome(async () => listLoader(await routeArgs(path(p.programmeId), { userId: stranger.id, params: { programmeId: p.programmeId } })));
    expect(refused.status).toBe(403);
    const owner = await outcome(async () => listLoader(await routeArgs(path(p.programmeId), { userId: p.firms[0]!.ownerId, params: { programmeId: p.programmeId } })));
    expect(owner.status).toBe(403);
    const breakdown = await outcome(async () =>
      firmLoader(await routeArgs(path(p.programmeId, `/firms/${other.firmId}`), { userId: p.manager.id, params: { programmeId: p.programmeId, firmId: other.firmId } })),
    );
    expect(breakdown.status).toBe(404);
  });

  it("records decisions with the score snapshot and model version, and asks for a reason against the ranking", async () => {
    const p = await makeScreenedProgramme([firmAt(0.3, "Low"), firmAt(0.5, "Middle"), firmAt(0.9, "High")]);
    const [low, middle, high] = p.firms;
    const decided = await decideAs(p.manager.id, p.programmeId, high!.firmId, { decision: "selected", reason: "" });
    expect(decided.status).toBe(200);
    expect(decided.data.against).toEqual([]);
    const row = await db.selection.findFirstOrThrow({ where: { firmId: high!.firmId } });
    expect(row).toMatchObject({ decision: "selected", modelVersion: 1, againstRanking: false });
    const snapshot = JSON.parse(row.scoreSnapshot);
    expect(snapshot.total).toBeGreaterThan(50);
    expect(Object.keys(snapshot.components)).toContain("attendance");

    // Not selecting Middle while Low is not yet decided is fine; selecting Low above a not-selected Middle is against the ranking.
    expect((await decideAs(p.manager.id, p.programmeId, middle!.firmId, { decision: "not_selected", reason: "" })).status).toBe(200);
    const before = await db.selection.count({ where: { programmeId: p.programmeId } });
    const refused = await decideAs(p.manager.id, p.programmeId, low!.firmId, { decision: "selected", reason: "  " });
    expect(refused.status).toBe(400);
    expect(refused.data.fieldErrors.reason).toEqual(["screening.select.reasonNeeded"]);
    expect(refused.data.against).toContain("passesHigher");
    expect(await db.selection.count({ where: { programmeId: p.programmeId } })).toBe(before);

    const withReason = await decideAs(p.manager.id, p.programmeId, low!.firmId, { decision: "selected", reason: "Only welder in the cluster with a generator." });
    expect(withReason.status).toBe(200);
    const lowRow = await db.selection.findFirstOrThrow({ where: { firmId: low!.firmId } });
    expect(lowRow.againstRanking).toBe(true);
    const audit = await db.auditEvent.findMany({ where: { programmeId: p.programmeId, action: "screening.decide" } });
    expect(audit).toHaveLength(3);
    expect(JSON.parse(audit.find((a) => a.entityId === lowRow.id)!.after!)).toMatchObject({ decision: "selected", againstRanking: ["passesHigher"] });
  });

  it("refuses a decision on a firm outside the programme, a bad decision, or by a manager of another programme, writing nothing", async () => {
    const p = await makeScreenedProgramme([firmAt(0.5)]);
    const other = await makeProgramme();
    const outside = await decideAs(p.manager.id, p.programmeId, other.firmId, { decision: "selected", reason: "x" });
    expect(outside.status).toBe(400);
    expect(outside.data.fieldErrors.decision).toEqual(["screening.select.firmNotInProgramme"]);
    const bad = await decideAs(p.manager.id, p.programmeId, p.firms[0]!.firmId, { decision: "maybe", reason: "" });
    expect(bad.status).toBe(400);
    const stranger = await makeUser({ roles: [{ programmeId: other.programmeId, role: "manager" }] });
    expect((await decideAs(stranger.id, p.programmeId, p.firms[0]!.firmId, { decision: "selected", reason: "" })).status).toBe(403);
    expect(await db.selection.count({ where: { programmeId: p.programmeId } })).toBe(0);
  });

  it("makes a new model version from valid weights, rejects bad ones with field errors, and keeps past decisions on theirs", async () => {
    const p = await makeScreenedProgramme([firmAt(0.3), firmAt(0.7)]);
    const save = async (form: Record<string, string>) =>
      outcome(async () => modelAction(await routeArgs(path(p.programmeId, "/model"), { userId: p.manager.id, form, params: { programmeId: p.programmeId } })));
    const valid = {
      "weights.practiceAdoption": "0.35",
      "weights.practiceImprovement": "0.15",
      "weights.followThrough": "0.15",
      "weights.knowledge": "0.15",
      "weights.attendance": "0.1",
      "weights.recordsEvidence": "0.1",
      "thresholds.attendanceEligibility": "60",
      "thresholds.minAttendanceSessions": "3",
      "thresholds.minQuizModules": "3",
      "thresholds.minChecklistItems": "5",
      "thresholds.minImprovementVisits": "2",
      "thresholds.minFollowThroughActions": "2",
      "thresholds.recordsMonthsCap": "6",
      "thresholds.minComparisonGroup": "10",
    };
    await decideAs(p.manager.id, p.programmeId, p.firms[1]!.firmId, { decision: "selected", reason: "" });

    const negative = await save({ ...valid, "weights.attendance": "-1" });
    expect(negative.status).toBe(400);
    expect(negative.data.errors["weights.attendance"]).toEqual(["screening.model.weightNegative"]);
    const zero = await save(Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, k.startsWith("weights.") ? "0" : v])));
    expect(zero.status).toBe(400);
    expect(zero.data.errors.weights).toEqual(["screening.model.weightsAllZero"]);
    const range = await save({ ...valid, "thresholds.attendanceEligibility": "150", "thresholds.minQuizModules": "abc" });
    expect(range.status).toBe(400);
    expect(range.data.errors["thresholds.attendanceEligibility"]).toEqual(["screening.model.thresholdOutOfRange"]);
    expect(range.data.errors["thresholds.minQuizModules"]).toEqual(["screening.model.notANumber"]);
    expect(await db.screeningModelVersion.count({ where: { programmeId: p.programmeId } })).toBe(0);

    const ok = await save({ ...valid, "weights.attendance": "0.5" });
    expect(ok.status).toBe(200);
    const stored = await db.screeningModelVersion.findFirstOrThrow({ where: { programmeId: p.programmeId } });
    expect(stored.version).toBe(2);
    expect(JSON.parse(stored.weights).attendance).toBe(0.5);
    expect(await db.auditEvent.count({ where: { programmeId: p.programmeId, action: "screening.model.create" } })).toBe(1);

    await decideAs(p.manager.id, p.programmeId, p.firms[0]!.firmId, { decision: "waitlisted", reason: "" });
    const rows = await db.selection.findMany({ where: { programmeId: p.programmeId }, orderBy: { decidedAt: "asc" } });
    expect(rows.map((r) => r.modelVersion)).toEqual([1, 2]);
  });

  it("exports the list as CSV with a byte-order mark and as an Excel workbook", async () => {
    const p = await makeScreenedProgramme([firmAt(0.4, "Ngozi Welding"), firmAt(0.6, "ጫማ ቤት")]);
    const csv = (await exportLoader(await routeArgs(path(p.programmeId, "/export?format=csv"), { userId: p.manager.id, params: { programmeId: p.programmeId } }))) as Response;
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]!.split(",").slice(0, 3)).toEqual(["rank", "firm_id", "firm"]);
    expect(lines[1]).toContain("ጫማ ቤት");
    expect(lines[1]!.split(",")[7]).toMatch(/^\d+(\.\d)?$/);

    const xlsx = (await exportLoader(await routeArgs(path(p.programmeId, "/export?format=xlsx"), { userId: p.manager.id, params: { programmeId: p.programmeId } }))) as Response;
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    const sheet = readZipEntry(bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain("ጫማ ቤት");
    expect(sheet).toMatch(/<c r="H2"><v>[\d.]+<\/v><\/c>/);

    const stranger = await makeUser();
    const refused = await outcome(async () => exportLoader(await routeArgs(path(p.programmeId, "/export?format=csv"), { userId: stranger.id, params: { programmeId: p.programmeId } })));
    expect(refused.status).toBe(403);
  });

  it("imports outcomes all or nothing, and the validity page ranks the score at selection against growth", async () => {
    const p = await makeScreenedProgramme([firmAt(0.2, "Kamau Metal"), firmAt(0.5, "Otieno Works"), firmAt(0.8, "Wanjiru Steel")]);
    const importCsv = async (csv: string, intent = "importConfirm") =>
      outcome(async () =>
        outcomesAction(await routeArgs(path(p.programmeId, "/outcomes"), { userId: p.manager.id, form: { intent, csv }, params: { programmeId: p.programmeId } })),
      );
    const bad = await importCsv("firm,date,sales,workers\nKamau Metal,2026-01-01,1000,3\nNobody Ltd,2026-01-01,12x,3\nOtieno Works,2026-13-01,100,2.5\n");
    expect(bad.status).toBe(400);
    expect(bad.data.rowErrors).toEqual([
      { line: 3, column: "firm", problem: "unknownFirm", value: "Nobody Ltd" },
      { line: 3, column: "sales", problem: "notANumber", value: "12x" },
      { line: 4, column: "date", problem: "dateInvalid", value: "2026-13-01" },
      { line: 4, column: "workers", problem: "notAWholeNumber", value: "2.5" },
    ]);
    expect(await db.outcome.count({ where: { programmeId: p.programmeId } })).toBe(0);

    for (const f of p.firms) await decideAs(p.manager.id, p.programmeId, f.firmId, { decision: "waitlisted", reason: "trial" });
    const good = await importCsv(
      "\uFEFFfirm,date,sales,workers,value_added,practice_score\n" +
        "Kamau Metal,2026-06-01,1000,3,400,0.3\nKamau Metal,2028-06-01,1000,3,400,0.35\n" +
        "Otieno Works,2026-06-01,1000,3,400,0.3\nOtieno Works,2028-06-01,1500,4,600,0.5\n" +
        "Wanjiru Steel,2026-06-01,\"1,000\",3,400,0.3\nWanjiru Steel,2028-06-01,2000,6,900,0.6\n",
    );
    expect(good.status).toBe(200);
    expect(good.data.saved).toBe(6);
    const report = await validityReport(db, p.programmeId, "sales");
    const total = report.predictors.find((x) => x.predictor === "total")!;
    expect(total.n).toBe(3);
    expect(total.spearman).toBeCloseTo(1, 6);
    expect(total.tooFewToConclude).toBe(true);
    const page = await outcome(async () => validityLoader(await routeArgs(path(p.programmeId, "/validity?measure=workers"), { userId: p.manager.id, params: { programmeId: p.programmeId } })));
    expect(page.data.report.measure).toBe("workers");
    expect(page.data.report.followedUp).toBe(3);
  });

  it("shows an owner their own result only when the programme allows it, and nothing about other firms", async () => {
    const p = await makeScreenedProgramme([firmAt(0.3, "Mine"), firmAt(0.7, "Theirs")]);
    const owner = p.firms[0]!;
    const off = await outcome(async () => mineLoader(await routeArgs("/my-screening", { userId: owner.ownerId })));
    expect(off.data.shared).toBe(false);
    await db.programme.update({ where: { id: p.programmeId }, data: { showScreeningToOwners: true } });
    const on = await outcome(async () => mineLoader(await routeArgs("/my-screening", { userId: owner.ownerId })));
    expect(on.data.shared).toBe(true);
    expect(on.data.total).toBeGreaterThan(0);
    expect(on.data.components.map((c: { key: string }) => c.key)).toContain("attendance");
    const serialised = JSON.stringify(on.data);
    expect(serialised).not.toContain(p.firms[1]!.firmId);
    expect(serialised).not.toContain("Theirs");
  });
});

/** Reads one deflated entry of a zip by walking its local headers (enough for our own files). */
function readZipEntry(zip: Buffer, name: string): string {
  let offset = 0;
  while (zip.readUInt32LE(offset) === 0x04034b50) {
    const size = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const extra = zip.readUInt16LE(offset + 28);
    const entry = zip.subarray(offset + 30, offset + 30 + nameLength).toString();
    const start = offset + 30 + nameLength + extra;
    if (entry === name) return inflateRawSync(zip.subarray(start, start + size)).toString();
    offset = start + size;
  }
  throw new Error(`${name} not in the zip`);
}
