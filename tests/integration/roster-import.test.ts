import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { action as rosterAction } from "~/routes/programmes/roster";
import { action as setupAction, loader as setupLoader } from "~/routes/programmes/setup";
import { makeProgramme, makeUser, outcome, routeArgs } from "../support/fixtures";

async function setUp() {
  const p = await makeProgramme();
  const manager = await makeUser({ roles: [{ programmeId: p.programmeId, role: "manager" }] });
  const cohort = await db.cohort.findUniqueOrThrow({ where: { id: p.cohortId } });
  const cluster = await db.cluster.findUniqueOrThrow({ where: { id: p.clusterId } });
  return { ...p, manager, cohortName: cohort.name, clusterName: cluster.name };
}

const HEADER = "cohort,cluster,firm_name,sector,workers,founded_year,owner_name,owner_phone,owner_language,consent_date";
let phoneSeed = Math.floor(Math.random() * 9_000_000);
const nextPhone = () => `+2557${String(10_000_000 + (phoneSeed++ % 89_999_999))}`;

async function post(userId: string, programmeId: string, form: Record<string, string>) {
  return outcome(async () => rosterAction(await routeArgs(`/programmes/${programmeId}/roster`, { userId, form, params: { programmeId } })));
}

describe("importing a roster", () => {
  it("previews, then writes firms, enrolments, owners and their codes in one go", async () => {
    const s = await setUp();
    const [p1, p2, p3] = [nextPhone(), nextPhone(), nextPhone()];
    const csv = [
      HEADER,
      `${s.cohortName},${s.clusterName},Mama Zawadi Tailors,garment,3,2015,Zawadi Mushi,${p1},sw,2026-02-01`,
      `${s.cohortName},${s.clusterName},Mama Zawadi Tailors,garment,3,2015,Juma Mushi,${p2},,`,
      `${s.cohortName},${s.clusterName},"Kombo Metal Works, Ltd",metalwork,8,2009,Said Kombo,${p3},en,`,
    ].join("\n");
    const preview = await post(s.manager.id, s.programmeId, { intent: "preview", csv });
    expect(preview.status).toBe(200);
    expect(preview.data.preview).toMatchObject({ firms: 2, owners: 3 });
    expect(await db.firm.count({ where: { name: "Mama Zawadi Tailors", organisationId: s.organisationId } })).toBe(0);

    const saved = await post(s.manager.id, s.programmeId, { intent: "import", csv: preview.data.csv });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/programmes/${s.programmeId}/codes?imported=3`);
    const firm = await db.firm.findFirstOrThrow({ where: { name: "Kombo Metal Works, Ltd", organisationId: s.organisationId }, include: { owners: true, enrolments: true } });
    expect(firm).toMatchObject({ sector: "metalwork", workers: 8, foundedYear: 2009 });
    expect(firm.enrolments.map((e) => e.cohortId)).toEqual([s.cohortId]);
    const tailors = await db.firm.findFirstOrThrow({ where: { name: "Mama Zawadi Tailors", organisationId: s.organisationId }, include: { owners: true } });
    expect(tailors.owners.map((o) => o.name).sort()).toEqual(["Juma Mushi", "Zawadi Mushi"]);
    expect(await db.invitation.count({ where: { programmeId: s.programmeId, role: "owner", userId: { not: null } } })).toBe(3);
    expect(await db.membership.count({ where: { programmeId: s.programmeId, role: "owner" } })).toBe(3);
  });

  it("writes nothing unless every row is valid, and reports each problem by row", async () => {
    const s = await setUp();
    const taken = await makeUser({ phone: nextPhone().slice(1) });
    const dup = nextPhone();
    const csv = [
      HEADER,
      `${s.cohortName},${s.clusterName},Good Firm,metalwork,3,2015,Good Owner,${nextPhone()},,`,
      `${s.cohortName},Suame Magazine,Bad Cluster,metalwork,3,2015,Some One,${nextPhone()},,`,
      `${s.cohortName},${s.clusterName},Taken Phone,metalwork,3,2015,Some Two,+${taken.phone},,`,
      `${s.cohortName},${s.clusterName},Dup A,metalwork,3,2015,Some Three,${dup},,`,
      `${s.cohortName},${s.clusterName},Dup B,metalwork,3,2015,Some Four,${dup},,31/02/2026`,
    ].join("\n");
    const users = await db.user.count();
    for (const intent of ["preview", "import"]) {
      const result = await post(s.manager.id, s.programmeId, { intent, csv });
      expect(result.status).toBe(400);
      expect(result.data.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
        [3, "roster.unknownCluster"],
        [4, "roster.phoneTaken"],
        [6, "roster.badDate"],
        [6, "roster.phoneTwice"],
      ]);
    }
    expect(await db.user.count()).toBe(users);
    expect(await db.firm.count({ where: { name: "Good Firm", organisationId: s.organisationId } })).toBe(0);

    const wrongHeader = await post(s.manager.id, s.programmeId, { intent: "preview", csv: "name,phone\nA,B" });
    expect(wrongHeader.data.problems[0]).toMatchObject({ row: 1, code: "roster.missingColumns" });
  });

  it("is for the programme's managers only", async () => {
    const s = await setUp();
    const trainer = await makeUser({ roles: [{ programmeId: s.programmeId, role: "trainer" }] });
    expect((await post(trainer.id, s.programmeId, { intent: "preview", csv: HEADER })).status).toBe(403);
    const other = await setUp();
    expect((await post(other.manager.id, s.programmeId, { intent: "preview", csv: HEADER })).status).toBe(403);
  });
});

describe("setting a programme up by hand", () => {
  it("adds a cluster, a cohort with its trainer, and a firm with its owner and code; refuses bad input", async () => {
    const s = await setUp();
    const trainer = await makeUser({ name: "Neema Trainer", roles: [{ programmeId: s.programmeId, role: "trainer" }] });
    const send = async (form: Record<string, string>) =>
      outcome(async () => setupAction(await routeArgs(`/programmes/${s.programmeId}/setup`, { userId: s.manager.id, form, params: { programmeId: s.programmeId } })));
    expect((await send({ intent: "cluster", name: "Gerezani Garments", town: "Dar es Salaam", country: "TZ", sector: "garment" })).status).toBe(200);
    const cohort = await send({ intent: "cohort", name: "Gerezani 2026", startsOn: "2026-05-04", trainerId: trainer.id });
    expect(cohort.status).toBe(200);
    const made = await db.cohort.findFirstOrThrow({ where: { programmeId: s.programmeId, name: "Gerezani 2026" }, include: { trainers: true } });
    expect(made.trainers.map((t) => t.userId)).toEqual([trainer.id]);
    const cluster = await db.cluster.findFirstOrThrow({ where: { organisationId: s.organisationId, name: "Gerezani Garments" } });

    const phone = nextPhone();
    const firm = await send({ intent: "firm", name: "Upendo Tailors", sector: "garment", clusterId: cluster.id, cohortId: made.id, workers: "4", foundedYear: "2018", ownerName: "Upendo Mrema", ownerPhone: phone, ownerLanguage: "sw" });
    expect(firm.status).toBe(200);
    expect(firm.data.done).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const owner = await db.user.findUniqueOrThrow({ where: { phone: phone.slice(1) }, include: { firm: { include: { enrolments: true } } } });
    expect(owner.firm!.enrolments.map((e) => e.cohortId)).toEqual([made.id]);

    const again = await send({ intent: "firm", name: "Other", sector: "garment", clusterId: cluster.id, cohortId: made.id, workers: "many", foundedYear: "2099", ownerName: "X", ownerPhone: phone, ownerLanguage: "sw" });
    expect(again.status).toBe(400);
    expect(again.data.result.error).toMatchObject({ workers: expect.any(Array), foundedYear: ["setup.badYear"], ownerName: ["form.tooShort"] });
    const taken = await send({ intent: "firm", name: "Other", sector: "garment", clusterId: cluster.id, cohortId: made.id, ownerName: "Xavier", ownerPhone: phone, ownerLanguage: "sw" });
    expect(taken.data.result.error.ownerPhone).toEqual(["join.phoneTaken"]);
    expect(await db.firm.count({ where: { name: "Other", organisationId: s.organisationId } })).toBe(0);

    const page = await outcome(async () => setupLoader(await routeArgs(`/programmes/${s.programmeId}/setup`, { userId: s.manager.id, params: { programmeId: s.programmeId } })));
    expect(page.data.cohorts.map((c: { name: string }) => c.name)).toContain("Gerezani 2026");
  });
});
