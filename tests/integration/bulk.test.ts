import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { parseSearch } from "~/modules/people/search";
import { searchFirms } from "~/modules/people/search.server";
import { action as rosterAction } from "~/routes/programmes/roster";
import { loader as searchLoader } from "~/routes/people/search";
import { loader as toCallLoader } from "~/routes/people/to-call";
import { action as bulkAction } from "~/routes/screening/bulk";
import { loader as codesLoader } from "~/routes/programmes/codes";
import { makeProgramme, makeUser, outcome, routeArgs, unique } from "../support/fixtures";
import { firmAt, makeScreenedProgramme } from "../support/screening";

const HEADER = "cohort,cluster,firm_name,sector,workers,founded_year,owner_name,owner_phone,owner_language,consent_date";
let phoneSeed = Math.floor(Math.random() * 9_000_000);
const nextPhone = () => `2557${String(10_000_000 + (phoneSeed++ % 89_999_999))}`;

async function rosterSetUp() {
  const p = await makeProgramme();
  const manager = await makeUser({ roles: [{ programmeId: p.programmeId, role: "manager" }] });
  const cohort = await db.cohort.findUniqueOrThrow({ where: { id: p.cohortId } });
  const cluster = await db.cluster.findUniqueOrThrow({ where: { id: p.clusterId } });
  return { ...p, manager, cohortName: cohort.name, clusterName: cluster.name };
}

async function postRoster(userId: string, programmeId: string, form: Record<string, string>) {
  return outcome(async () => rosterAction(await routeArgs(`/programmes/${programmeId}/roster`, { userId, form, params: { programmeId } })));
}

describe("re-importing a roster", () => {
  it("adds late joiners, updates changed owners, leaves the others alone, and says so before saving", async () => {
    const s = await rosterSetUp();
    const phones = [nextPhone(), nextPhone(), nextPhone(), nextPhone(), nextPhone()];
    const line = (firm: string, owner: string, phone: string, workers = "3", language = "sw") => `${s.cohortName},${s.clusterName},${firm},garment,${workers},2015,${owner},+${phone},${language},2026-02-01`;
    const first = [HEADER, line("Tailors A", "Owner A", phones[0]!), line("Tailors B", "Owner B", phones[1]!)].join("\n");
    expect((await postRoster(s.manager.id, s.programmeId, { intent: "import", csv: first })).status).toBe(302);
    const firmB = await db.firm.findFirstOrThrow({ where: { name: "Tailors B", organisationId: s.organisationId }, select: { id: true, evidenceVersion: true } });
    const firmA = await db.firm.findFirstOrThrow({ where: { name: "Tailors A", organisationId: s.organisationId }, select: { id: true, evidenceVersion: true } });

    // The second file: A as before (phone written the local way), B with 6 workers and a new
    // spelling, three late joiners; semicolons and a byte-order mark, as Excel writes it.
    const local = `0${phones[0]!.slice(3, 6)} ${phones[0]!.slice(6)}`;
    const second =
      "\uFEFF" +
      [
        HEADER,
        `${s.cohortName},${s.clusterName},Tailors A,garment,3,2015,Owner A,${local},,`,
        line("Tailors B", "Owner B. Mushi", phones[1]!, "6"),
        line("Late One", "Late Owner 1", phones[2]!),
        line("Late Two", "Late Owner 2", phones[3]!),
        line("Late Three", "Late Owner 3", phones[4]!),
      ]
        .join("\r\n")
        .replace(/,/g, ";");
    const preview = await postRoster(s.manager.id, s.programmeId, { intent: "preview", csv: second });
    expect(preview.status).toBe(200);
    expect(preview.data.preview.counts).toEqual({ new: 3, changed: 1, unchanged: 1 });
    const changed = preview.data.preview.sample.find((r: { status: string }) => r.status === "changed");
    expect(changed.changes).toEqual([
      { field: "owner_name", before: "Owner B", after: "Owner B. Mushi" },
      { field: "workers", before: "3", after: "6" },
    ]);
    expect(await db.user.count({ where: { name: "Late Owner 1" } })).toBe(0);

    const audits = await db.auditEvent.count({ where: { programmeId: s.programmeId } });
    const saved = await postRoster(s.manager.id, s.programmeId, { intent: "import", csv: preview.data.csv });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/programmes/${s.programmeId}/codes?imported=3&updated=1`);
    expect(await db.membership.count({ where: { programmeId: s.programmeId, role: "owner" } })).toBe(5);
    expect(await db.user.findFirstOrThrow({ where: { phone: phones[1] }, select: { name: true } })).toEqual({ name: "Owner B. Mushi" });
    const after = await db.firm.findUniqueOrThrow({ where: { id: firmB.id }, select: { workers: true, evidenceVersion: true } });
    expect(after.workers).toBe(6);
    expect(after.evidenceVersion).toBeGreaterThan(firmB.evidenceVersion);
    expect((await db.firm.findUniqueOrThrow({ where: { id: firmA.id }, select: { evidenceVersion: true } })).evidenceVersion).toBe(firmA.evidenceVersion);
    const update = await db.auditEvent.findFirstOrThrow({ where: { programmeId: s.programmeId, action: "roster.update" } });
    expect(JSON.parse(update.before!)).toEqual({ owner_name: "Owner B", workers: "3" });
    expect(JSON.parse(update.after!)).toEqual({ owner_name: "Owner B. Mushi", workers: "6" });
    expect(await db.auditEvent.count({ where: { programmeId: s.programmeId } })).toBe(audits + 2);
    expect(await db.invitation.count({ where: { programmeId: s.programmeId } })).toBe(5);

    // The same file again: nothing new, nothing changed, nothing written.
    const again = await postRoster(s.manager.id, s.programmeId, { intent: "preview", csv: second });
    expect(again.data.preview.counts).toEqual({ new: 0, changed: 0, unchanged: 5 });
    const users = await db.user.count();
    expect((await postRoster(s.manager.id, s.programmeId, { intent: "import", csv: second })).status).toBe(302);
    expect(await db.user.count()).toBe(users);
    expect(await db.auditEvent.count({ where: { programmeId: s.programmeId } })).toBe(audits + 2);
  });

  it("reads tab-separated text, and gives a hint for a header read as one cell", async () => {
    const s = await rosterSetUp();
    const tab = [HEADER, `${s.cohortName},${s.clusterName},Tab Firm,metalwork,3,2015,Tab Owner,+${nextPhone()},en,`].join("\n").replace(/,/g, "\t");
    const preview = await postRoster(s.manager.id, s.programmeId, { intent: "preview", csv: tab });
    expect(preview.data.preview.counts).toEqual({ new: 1, changed: 0, unchanged: 0 });
    const piped = await postRoster(s.manager.id, s.programmeId, { intent: "preview", csv: HEADER.replace(/,/g, "|") + "\nx|y" });
    expect(piped.status).toBe(400);
    expect(piped.data.problems).toEqual([{ row: 1, column: null, code: "bulk.roster.oneHeaderCell", params: { cell: HEADER.replace(/,/g, "|").slice(0, 60) } }]);
  });

  it("still refuses a phone held by someone who is not an owner on this roster", async () => {
    const s = await rosterSetUp();
    const trainer = await makeUser({ phone: nextPhone(), roles: [{ programmeId: s.programmeId, role: "trainer" }] });
    const csv = [HEADER, `${s.cohortName},${s.clusterName},X Firm,metalwork,3,2015,X Owner,+${trainer.phone},en,`].join("\n");
    const result = await postRoster(s.manager.id, s.programmeId, { intent: "preview", csv });
    expect(result.data.problems.map((p: { code: string }) => p.code)).toEqual(["roster.phoneTaken"]);
  });
});

describe("deciding for the top firms at once", () => {
  const levels = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.35];

  async function post(userId: string, programmeId: string, form: Record<string, string>) {
    return outcome(async () => bulkAction(await routeArgs(`/programmes/${programmeId}/screening/bulk`, { userId, form, params: { programmeId } })));
  }

  it("stores one decision per firm, with its snapshot, model version and audit row, from one screening run", async () => {
    const p = await makeScreenedProgramme(levels.map((l, i) => firmAt(l, `Top ${i} ${unique("f")}`)));
    const result = await post(p.manager.id, p.programmeId, { scope: `cohort:${p.cohortId}`, count: "3", decision: "selected", reason: "Top 3 for the loan" });
    expect(result.status).toBe(200);
    expect(result.data.done.firms.map((f: { name: string }) => f.name)).toEqual(p.firms.slice(0, 3).map((f) => f.name));
    const rows = await db.selection.findMany({ where: { programmeId: p.programmeId }, orderBy: { firmId: "asc" } });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({ decision: "selected", reason: "Top 3 for the loan", modelVersion: 1, decidedById: p.manager.id, againstRanking: false });
      expect(JSON.parse(row.scoreSnapshot)).toMatchObject({ eligible: true, comparisonGroup: { kind: "cohort" } });
    }
    expect(new Set(rows.map((r) => r.firmId))).toEqual(new Set(p.firms.slice(0, 3).map((f) => f.firmId)));
    expect(await db.auditEvent.count({ where: { programmeId: p.programmeId, action: "screening.decide.bulk" } })).toBe(3);

    // A second tap: the same three already have the decision; nothing more is written.
    const again = await post(p.manager.id, p.programmeId, { scope: `cohort:${p.cohortId}`, count: "3", decision: "selected", reason: "Top 3 for the loan" });
    expect(again.data.done).toMatchObject({ skipped: 3, firms: [] });
    expect(await db.selection.count({ where: { programmeId: p.programmeId } })).toBe(3);
  });

  it("refuses an empty selection with a clear message and writes nothing", async () => {
    const p = await makeScreenedProgramme([{ attendance: ["absent", "absent", "absent"] }]);
    const result = await post(p.manager.id, p.programmeId, { scope: `cohort:${p.cohortId}`, count: "10", decision: "waitlisted", reason: "Waiting list" });
    expect(result.status).toBe(400);
    expect(result.data.result.error).toMatchObject({ "": ["bulk.selection.empty"] });
    expect(await db.selection.count({ where: { programmeId: p.programmeId } })).toBe(0);
  });

  it("needs a reason, a class of this programme, and a manager", async () => {
    const p = await makeScreenedProgramme([firmAt(0.8)]);
    const other = await makeProgramme();
    const noReason = await post(p.manager.id, p.programmeId, { scope: `cohort:${p.cohortId}`, count: "1", decision: "selected", reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.data.result.error.reason).toEqual(["form.required"]);
    const foreign = await post(p.manager.id, p.programmeId, { scope: `cohort:${other.cohortId}`, count: "1", decision: "selected", reason: "Other class" });
    expect(foreign.status).toBe(400);
    expect(foreign.data.result.error.scope).toEqual(["bulk.selection.badScope"]);
    const byTrainer = await post(p.trainer.id, p.programmeId, { scope: `cohort:${p.cohortId}`, count: "1", decision: "selected", reason: "Try" });
    expect(byTrainer.status).toBe(403);
    expect(await db.selection.count({ where: { programmeId: p.programmeId } })).toBe(0);
  });
});

describe("finding people", () => {
  async function world() {
    const p = await makeProgramme();
    const otherCohort = await db.cohort.create({ data: { programmeId: p.programmeId, name: unique("Other cohort"), startsOn: new Date("2026-02-02") }, select: { id: true } });
    const tag = unique("zz").replace(/[^a-z0-9]/gi, "");
    const mine = await db.firm.create({ data: { organisationId: p.organisationId, clusterId: p.clusterId, name: `Baraka Welding ${tag}`, sector: "metalwork" }, select: { id: true } });
    const theirs = await db.firm.create({ data: { organisationId: p.organisationId, clusterId: p.clusterId, name: `Baraka Gates ${tag}`, sector: "metalwork" }, select: { id: true } });
    await db.enrolment.createMany({ data: [{ cohortId: p.cohortId, firmId: mine.id }, { cohortId: otherCohort.id, firmId: theirs.id }] });
    const phoneMine = nextPhone();
    const phoneTheirs = nextPhone();
    await makeUser({ name: `Neema Otieno ${tag}`, phone: phoneMine, firmId: mine.id, roles: [{ programmeId: p.programmeId, role: "owner" }] });
    await makeUser({ name: `Juma Kombo ${tag}`, phone: phoneTheirs, firmId: theirs.id, roles: [{ programmeId: p.programmeId, role: "owner" }] });
    const trainer = await makeUser({ roles: [{ programmeId: p.programmeId, role: "trainer" }] });
    await db.cohortTrainer.create({ data: { cohortId: p.cohortId, userId: trainer.id } });
    const manager = await makeUser({ roles: [{ programmeId: p.programmeId, role: "manager" }] });
    const outsider = await makeUser({ roles: [{ programmeId: (await makeProgramme()).programmeId, role: "manager" }] });
    const owner = await makeUser({ firmId: mine.id, roles: [{ programmeId: p.programmeId, role: "owner" }] });
    return { ...p, tag, mine, theirs, phoneMine, phoneTheirs, trainer, manager, outsider, owner };
  }
  const search = async (userId: string, q: string) => outcome(async () => searchLoader(await routeArgs(`/search?q=${encodeURIComponent(q)}`, { userId })));
  const names = (r: { data: { result: { firms: { name: string }[] } | null } }) => r.data.result?.firms.map((f) => f.name).sort() ?? [];

  it("finds by firm name, owner name (any case) and phone in any written form", async () => {
    const w = await world();
    expect(names(await search(w.manager.id, `BARAKA WELDING ${w.tag}`))).toEqual([`Baraka Welding ${w.tag}`]);
    expect(names(await search(w.manager.id, `neema otieno ${w.tag}`))).toEqual([`Baraka Welding ${w.tag}`]);
    expect(names(await search(w.manager.id, w.tag))).toEqual([`Baraka Gates ${w.tag}`, `Baraka Welding ${w.tag}`]);
    const local = `0${w.phoneMine.slice(3, 6)} ${w.phoneMine.slice(6, 9)}-${w.phoneMine.slice(9)}`;
    const full = `+${w.phoneMine.slice(0, 3)} (${w.phoneMine.slice(3, 6)}) ${w.phoneMine.slice(6)}`;
    for (const q of [local, full]) {
      const found = await search(w.manager.id, q);
      expect(names(found)).toEqual([`Baraka Welding ${w.tag}`]);
      expect(found.data.result.firms[0].owners.find((o: { phone: string | null }) => o.phone)).toMatchObject({ phone: w.phoneMine });
    }
  });

  it("a trainer never finds another cohort's owners; a manager of another programme finds nothing; owners may not search", async () => {
    const w = await world();
    expect(names(await search(w.trainer.id, w.tag))).toEqual([`Baraka Welding ${w.tag}`]);
    expect(names(await search(w.trainer.id, `+${w.phoneTheirs}`))).toEqual([]);
    expect(names(await search(w.trainer.id, `Juma Kombo ${w.tag}`))).toEqual([]);
    expect(names(await search(w.outsider.id, w.tag))).toEqual([]);
    expect((await search(w.owner.id, w.tag)).status).toBe(403);
    const admin = await makeUser({ isAdmin: true });
    expect(names(await search(admin.id, w.tag))).toHaveLength(2);
  });

  it("takes % and _ literally and answers a too-short search with a hint", async () => {
    const w = await world();
    expect(names(await search(w.manager.id, "%%"))).toEqual([]);
    const short = await search(w.manager.id, "a");
    expect(short.data).toMatchObject({ tooShort: true, result: null });
    const direct = await searchFirms({ id: w.manager.id, name: "", language: "en", isAdmin: false, firmId: null, memberships: [{ programmeId: w.programmeId, programmeName: "", role: "manager" }] }, parseSearch("_aba")!);
    expect(direct.firms).toEqual([]);
  });

  it("lists the owners to call below the attendance threshold, for the class's staff only", async () => {
    const p = await makeScreenedProgramme([firmAt(0.9), { attendance: ["present", "absent", "absent", "absent", "absent"] }]);
    const low = p.firms[1]!;
    await db.user.update({ where: { id: low.ownerId }, data: { phone: nextPhone() } });
    const load = async (userId: string) => outcome(async () => toCallLoader(await routeArgs(`/cohorts/${p.cohortId}/to-call`, { userId, params: { cohortId: p.cohortId } })));
    const shown = await load(p.manager.id);
    expect(shown.data.firms.map((f: { id: string }) => f.id)).toEqual([low.firmId]);
    expect(shown.data.firms[0].owners[0].phone).toMatch(/^2557/);
    const stranger = await makeUser({ roles: [{ programmeId: p.programmeId, role: "trainer" }] });
    expect((await load(stranger.id)).status).toBe(403);
  });
});

describe("printed invitation codes", () => {
  it("prints one class's codes, each with a QR code that opens /join with the code", async () => {
    const s = await rosterSetUp();
    const other = await db.cohort.create({ data: { programmeId: s.programmeId, name: unique("Second"), startsOn: new Date("2026-03-02") }, select: { id: true, name: true } });
    const csv = [
      HEADER,
      `${s.cohortName},${s.clusterName},First Class Firm,metalwork,3,2015,Owner One,+${nextPhone()},en,`,
      `${other.name},${s.clusterName},Second Class Firm,metalwork,3,2015,Owner Two,+${nextPhone()},en,`,
    ].join("\n");
    expect((await postRoster(s.manager.id, s.programmeId, { intent: "import", csv })).status).toBe(302);
    const page = await outcome(async () =>
      codesLoader(await routeArgs(`/programmes/${s.programmeId}/codes?cohort=${other.id}&layout=slips`, { userId: s.manager.id, params: { programmeId: s.programmeId } })),
    );
    expect(page.data.layout).toBe("slips");
    expect(page.data.codes.map((c: { name: string }) => c.name)).toEqual(["Owner Two"]);
    const svg = decodeURIComponent(page.data.codes[0].qr.replace(/^data:image\/svg\+xml;charset=utf-8,/, ""));
    expect(svg).toMatch(/^<svg/);
    expect(page.data.address).toBe("localhost/join");
  });
});
