// Follow-up outcomes: one row per firm and day (a unique index), an import sent twice changes
// nothing, a different figure replaces the stored one with the earlier value in the audit, and
// the import says how many rows change earlier figures before anything is saved.
import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { recordOutcomes } from "~/modules/screening/screening.server";
import { action as outcomesAction } from "~/routes/screening/outcomes";
import { outcome, routeArgs } from "../support/fixtures";
import { firmAt, makeScreenedProgramme } from "../support/screening";

const FILE =
  "firm,date,sales,workers,value_added,practice_score\n" +
  "Kamau Metal,2026-06-01,1000,3,400,0.3\nKamau Metal,2028-06-01,1200,3,450,0.35\n" +
  "Otieno Works,2026-06-01,1000,3,400,0.3\nOtieno Works,2028-06-01,1500,4,600,0.5\n";

async function setUp() {
  const p = await makeScreenedProgramme([firmAt(0.2, "Kamau Metal"), firmAt(0.5, "Otieno Works")]);
  const send = (intent: "import" | "importConfirm", csv: string) =>
    outcome(async () =>
      outcomesAction(await routeArgs(`/programmes/${p.programmeId}/screening/outcomes`, { userId: p.manager.id, form: { intent, csv }, params: { programmeId: p.programmeId } })),
    );
  return { ...p, send };
}

describe("outcomes, one per firm and day", () => {
  it("changes nothing when the same file is imported again", async () => {
    const p = await setUp();
    const first = await p.send("importConfirm", FILE);
    expect(first.data).toMatchObject({ saved: 4, unchanged: 0 });
    const preview = await p.send("import", FILE);
    expect(preview.data.preview).toMatchObject({ added: 0, changed: 0, unchanged: 4 });
    const again = await p.send("importConfirm", FILE);
    expect(again.data).toMatchObject({ saved: 0, unchanged: 4 });
    expect(await db.outcome.count({ where: { programmeId: p.programmeId } })).toBe(4);
    expect(await db.auditEvent.count({ where: { programmeId: p.programmeId, entity: "Outcome" } })).toBe(1);
  });

  it("says how many rows change earlier figures before saving, then replaces them with the earlier values in the audit", async () => {
    const p = await setUp();
    await p.send("importConfirm", FILE);
    const corrected = FILE.replace("Otieno Works,2028-06-01,1500,4,600,0.5", "Otieno Works,2028-06-01,1800,4,,0.5") + "Kamau Metal,2029-06-01,1300,3,500,0.4\n";
    const preview = await p.send("import", corrected);
    expect(preview.status).toBe(200);
    expect(preview.data.preview).toMatchObject({ added: 1, changed: 1, unchanged: 3 });
    expect(await db.outcome.count({ where: { programmeId: p.programmeId } })).toBe(4);

    const saved = await p.send("importConfirm", corrected);
    expect(saved.data).toMatchObject({ saved: 2, unchanged: 3 });
    const otieno = p.firms[1]!.firmId;
    const row = await db.outcome.findFirstOrThrow({ where: { firmId: otieno, date: new Date("2028-06-01T00:00:00Z") } });
    // An empty cell leaves the stored figure alone; a filled one replaces it.
    expect(row).toMatchObject({ sales: 1800, valueAdded: 600 });
    expect(await db.outcome.count({ where: { firmId: otieno } })).toBe(2);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entity: "Outcome", entityId: row.id, action: "screening.outcomes.replace" } });
    expect(audit.actorId).toBe(p.manager.id);
    expect(JSON.parse(audit.before!)).toMatchObject({ sales: 1500 });
    expect(JSON.parse(audit.after!)).toMatchObject({ sales: 1800 });

  });

  it("keeps one row when the same figures are saved at once by two requests, and the database refuses a second row", async () => {
    const p = await setUp();
    const row = { firmId: p.firms[0]!.firmId, date: new Date("2026-06-01T00:00:00Z"), sales: 900, workers: 3, valueAdded: null, practiceScore: null };
    const both = await Promise.all([0, 1, 2].map(() => recordOutcomes(db, { programmeId: p.programmeId, userId: p.manager.id, source: "form", rows: [row] })));
    expect(both.reduce((n, r) => n + r.added, 0)).toBe(1);
    expect(await db.outcome.count({ where: { firmId: row.firmId } })).toBe(1);
    await expect(db.outcome.create({ data: { ...row, programmeId: p.programmeId, source: "form" } })).rejects.toMatchObject({ code: "P2002" });
  });
});
