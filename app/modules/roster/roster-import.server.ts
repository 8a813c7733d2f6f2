import { randomUUID } from "node:crypto";
import { normalisePhone } from "~/auth/identifier";
import { db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateInvitationCode } from "~/modules/people/invitation-code";
import { checkRoster, firmKeyOf, parseCsv, statusOf, type ExistingOwner, type RosterProblem, type RosterRow } from "./roster-csv";
import { evidenceChanged } from "./evidence-version.server";

const INVITATION_DAYS = 60;

/** Checks a roster against the programme: its cohorts, its organisation's clusters, its owners, phone numbers already taken. */
export async function checkRosterFor(programmeId: string, text: string) {
  const programme = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { organisationId: true, languages: true } });
  const [cohorts, clusters, existingOwners] = await Promise.all([
    db.cohort.findMany({ where: { programmeId }, select: { id: true, name: true } }),
    db.cluster.findMany({ where: { organisationId: programme.organisationId }, select: { id: true, name: true } }),
    rosterOwners(programmeId),
  ]);
  const phones = phonesIn(text).filter((p) => !existingOwners.has(p));
  const taken = phones.length > 0 ? await db.user.findMany({ where: { phone: { in: phones } }, select: { phone: true } }) : [];
  return checkRoster(text, {
    cohorts,
    clusters,
    takenPhones: new Set(taken.map((u) => u.phone!)),
    existingOwners,
    defaultLanguage: programme.languages.split(",")[0] ?? "en",
    now: new Date(),
  });
}

/** The owners on the programme's roster, by phone, with their firm and its enrolments in the programme. */
async function rosterOwners(programmeId: string): Promise<Map<string, ExistingOwner>> {
  const users = await db.user.findMany({
    where: { phone: { not: null }, firmId: { not: null }, memberships: { some: { programmeId, role: "owner" } } },
    select: {
      id: true,
      name: true,
      phone: true,
      language: true,
      firm: {
        select: {
          id: true,
          name: true,
          clusterId: true,
          sector: true,
          workers: true,
          foundedYear: true,
          enrolments: { where: { cohort: { programmeId } }, select: { cohortId: true, consentAt: true } },
        },
      },
    },
  });
  const out = new Map<string, ExistingOwner>();
  for (const u of users) {
    if (!u.firm || !u.phone) continue;
    const f = u.firm;
    out.set(u.phone, {
      userId: u.id,
      name: u.name,
      language: u.language,
      firmId: f.id,
      firmName: f.name,
      clusterId: f.clusterId,
      sector: f.sector,
      workers: f.workers,
      foundedYear: f.foundedYear,
      enrolments: f.enrolments,
    });
  }
  return out;
}

function phonesIn(text: string): string[] {
  if (text.length > 3 * 1024 * 1024) return [];
  const table = parseCsv(text);
  const at = table[0]?.map((h) => h.trim().toLowerCase()).indexOf("owner_phone") ?? -1;
  if (at === -1) return [];
  return [...new Set(table.slice(1).flatMap((r) => normalisePhone(r[at] ?? "") ?? []))].slice(0, 20_000);
}

export type ImportOutcome = { ok: true; firms: number; owners: number; changed: number; unchanged: number } | { ok: false; problems: RosterProblem[] };

/**
 * Writes a checked roster in one transaction: firms (an existing firm of the same name in the
 * same cluster is reused), their enrolment in the cohort, each new owner with an owner's role and
 * an invitation code to make their account. Owners already on the roster (matched by phone) are
 * left alone when their row says nothing new, or updated, each change audited with its before
 * and after. All or nothing.
 */
export async function importRoster(programmeId: string, text: string, actorId: string): Promise<ImportOutcome> {
  const checked = await checkRosterFor(programmeId, text);
  if (!checked.ok) return checked;
  const rows = checked.rows.filter((r) => statusOf(r) === "new");
  const changedRows = checked.rows.filter((r) => statusOf(r) === "changed");
  const unchanged = checked.rows.length - rows.length - changedRows.length;
  const programme = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { organisationId: true } });
  if (rows.length === 0 && changedRows.length === 0) return { ok: true, firms: 0, owners: 0, changed: 0, unchanged };
  try {
    return await db.$transaction(
      async (tx) => {
        const existing = await tx.firm.findMany({
          where: { organisationId: programme.organisationId, clusterId: { in: [...new Set(rows.map((r) => r.clusterId))] } },
          select: { id: true, clusterId: true, name: true },
        });
        const firmIds = new Map(existing.map((f) => [firmKeyOf({ clusterId: f.clusterId, firmName: f.name }), f.id]));
        const newFirms: { id: string; organisationId: string; clusterId: string; name: string; sector: string; workers: number | null; foundedYear: number | null }[] = [];
        const enrol = new Map<string, { cohortId: string; firmId: string; consentAt: Date | null }>();
        for (const row of rows) {
          const k = firmKeyOf(row);
          let firmId = firmIds.get(k);
          if (!firmId) {
            firmId = randomUUID();
            firmIds.set(k, firmId);
            newFirms.push({ id: firmId, organisationId: programme.organisationId, clusterId: row.clusterId, name: row.firmName, sector: row.sector, workers: row.workers, foundedYear: row.foundedYear });
          }
          enrol.set(`${row.cohortId}:${firmId}`, { cohortId: row.cohortId, firmId, consentAt: row.consentAt });
        }
        if (newFirms.length > 0) await tx.firm.createMany({ data: newFirms });
        if (enrol.size > 0) {
          const already = await tx.enrolment.findMany({ where: { firmId: { in: [...new Set([...enrol.values()].map((e) => e.firmId))] } }, select: { cohortId: true, firmId: true } });
          for (const e of already) enrol.delete(`${e.cohortId}:${e.firmId}`);
        }
        if (enrol.size > 0) await tx.enrolment.createMany({ data: [...enrol.values()] });

        const people = rows.map((row: RosterRow) => ({ id: randomUUID(), name: row.ownerName, phone: row.ownerPhone, language: row.ownerLanguage, firmId: firmIds.get(firmKeyOf(row))!, cohortId: row.cohortId }));
        if (people.length > 0) {
          await tx.user.createMany({ data: people.map(({ cohortId: _, ...p }) => p) });
          await tx.membership.createMany({ data: people.map((p) => ({ userId: p.id, programmeId, role: "owner" })) });
          const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
          await tx.invitation.createMany({
            data: people.map((p) => ({ code: generateInvitationCode(), programmeId, role: "owner", name: p.name, firmId: p.firmId, cohortId: p.cohortId, userId: p.id, issuedById: actorId, expiresAt })),
          });
        }
        await applyChanges(tx, programmeId, actorId, changedRows);
        await evidenceChanged(tx, { firmIds: [...people.map((p) => p.firmId), ...changedRows.map((r) => r.existing!.firmId)] });
        await recordAudit(tx, {
          actorId,
          programmeId,
          action: "roster.import",
          entity: "Programme",
          entityId: programmeId,
          after: { firms: newFirms.length, owners: people.length, changed: changedRows.length, unchanged },
        });
        return { ok: true as const, firms: newFirms.length, owners: people.length, changed: changedRows.length, unchanged };
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    // Someone took one of the phone numbers between the check and the write: nothing was written.
    if ((error as { code?: string }).code === "P2002") return { ok: false, problems: [{ row: null, column: "owner_phone", code: "roster.phoneTakenMeanwhile" }] };
    throw error;
  }
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Updates owners already on the roster, one audit row per owner with the fields before and after. */
async function applyChanges(tx: Tx, programmeId: string, actorId: string, rows: readonly RosterRow[]) {
  const firmsDone = new Set<string>();
  for (const row of rows) {
    const { userId, firmId, changes } = row.existing!;
    const has = (field: string) => changes.some((c) => c.field === field);
    const userData = { ...(has("owner_name") ? { name: row.ownerName } : {}), ...(has("owner_language") ? { language: row.ownerLanguage } : {}) };
    if (Object.keys(userData).length > 0) await tx.user.update({ where: { id: userId }, data: userData });
    // Two owners of one firm may both say how it changed; the first row wins, as in a first import.
    if (!firmsDone.has(firmId)) {
      const firmData = {
        ...(has("sector") ? { sector: row.sector } : {}),
        ...(has("workers") ? { workers: row.workers } : {}),
        ...(has("founded_year") ? { foundedYear: row.foundedYear } : {}),
      };
      if (Object.keys(firmData).length > 0) {
        await tx.firm.update({ where: { id: firmId }, data: firmData });
        firmsDone.add(firmId);
      }
    }
    if (has("consent_date")) await tx.enrolment.update({ where: { cohortId_firmId: { cohortId: row.cohortId, firmId } }, data: { consentAt: row.consentAt } });
    await recordAudit(tx, {
      actorId,
      programmeId,
      action: "roster.update",
      entity: "User",
      entityId: userId,
      before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
      after: Object.fromEntries(changes.map((c) => [c.field, c.after])),
    });
  }
}

/** Open owners' codes of a programme, for a printed list to hand out. */
export async function openOwnerCodes(programmeId: string, cohortId?: string) {
  return db.invitation.findMany({
    where: { programmeId, role: "owner", redeemedAt: null, expiresAt: { gt: new Date() }, ...(cohortId ? { cohortId } : {}) },
    select: { id: true, code: true, name: true, expiresAt: true, firm: { select: { name: true } }, cohort: { select: { name: true } }, user: { select: { phone: true } } },
    orderBy: [{ cohort: { name: "asc" } }, { firm: { name: "asc" } }, { name: "asc" }],
  });
}
