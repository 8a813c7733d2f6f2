import { randomUUID } from "node:crypto";
import { normalisePhone } from "~/auth/identifier";
import { db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateInvitationCode } from "~/modules/people/invitation-code";
import { checkRoster, firmKeyOf, parseCsv, type RosterProblem, type RosterRow } from "./roster-csv";
import { evidenceChanged } from "./evidence-version.server";

const INVITATION_DAYS = 60;

/** Checks a roster against the programme: its cohorts, its organisation's clusters, phone numbers already taken. */
export async function checkRosterFor(programmeId: string, text: string) {
  const programme = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { organisationId: true, languages: true } });
  const [cohorts, clusters] = await Promise.all([
    db.cohort.findMany({ where: { programmeId }, select: { id: true, name: true } }),
    db.cluster.findMany({ where: { organisationId: programme.organisationId }, select: { id: true, name: true } }),
  ]);
  const phones = phonesIn(text);
  const taken = phones.length > 0 ? await db.user.findMany({ where: { phone: { in: phones } }, select: { phone: true } }) : [];
  return checkRoster(text, {
    cohorts,
    clusters,
    takenPhones: new Set(taken.map((u) => u.phone!)),
    defaultLanguage: programme.languages.split(",")[0] ?? "en",
    now: new Date(),
  });
}

function phonesIn(text: string): string[] {
  if (text.length > 3 * 1024 * 1024) return [];
  const table = parseCsv(text);
  const at = table[0]?.map((h) => h.trim().toLowerCase()).indexOf("owner_phone") ?? -1;
  if (at === -1) return [];
  return [...new Set(table.slice(1).flatMap((r) => normalisePhone(r[at] ?? "") ?? []))].slice(0, 20_000);
}

export type ImportOutcome = { ok: true; firms: number; owners: number } | { ok: false; problems: RosterProblem[] };

/**
 * Writes a checked roster in one transaction: firms (an existing firm of the same name in the
 * same cluster is reused), their enrolment in the cohort, each owner with an owner's role and an
 * invitation code to make their account. All or nothing.
 */
export async function importRoster(programmeId: string, text: string, actorId: string): Promise<ImportOutcome> {
  const checked = await checkRosterFor(programmeId, text);
  if (!checked.ok) return checked;
  const rows = checked.rows;
  const programme = await db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { organisationId: true } });
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
        const already = await tx.enrolment.findMany({ where: { firmId: { in: [...new Set([...enrol.values()].map((e) => e.firmId))] } }, select: { cohortId: true, firmId: true } });
        for (const e of already) enrol.delete(`${e.cohortId}:${e.firmId}`);
        if (enrol.size > 0) await tx.enrolment.createMany({ data: [...enrol.values()] });

        const people = rows.map((row: RosterRow) => ({ id: randomUUID(), name: row.ownerName, phone: row.ownerPhone, language: row.ownerLanguage, firmId: firmIds.get(firmKeyOf(row))!, cohortId: row.cohortId }));
        await tx.user.createMany({ data: people.map(({ cohortId: _, ...p }) => p) });
        await tx.membership.createMany({ data: people.map((p) => ({ userId: p.id, programmeId, role: "owner" })) });
        await evidenceChanged(tx, { firmIds: people.map((p) => p.firmId) });
        const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
        await tx.invitation.createMany({
          data: people.map((p) => ({ code: generateInvitationCode(), programmeId, role: "owner", name: p.name, firmId: p.firmId, cohortId: p.cohortId, userId: p.id, issuedById: actorId, expiresAt })),
        });
        await recordAudit(tx, { actorId, programmeId, action: "roster.import", entity: "Programme", entityId: programmeId, after: { firms: newFirms.length, owners: people.length } });
        return { ok: true as const, firms: newFirms.length, owners: people.length };
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    // Someone took one of the phone numbers between the check and the write: nothing was written.
    if ((error as { code?: string }).code === "P2002") return { ok: false, problems: [{ row: null, column: "owner_phone", code: "roster.phoneTakenMeanwhile" }] };
    throw error;
  }
}

/** Open owners' codes of a programme, for a printed list to hand out. */
export async function openOwnerCodes(programmeId: string) {
  return db.invitation.findMany({
    where: { programmeId, role: "owner", redeemedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, code: true, name: true, expiresAt: true, firm: { select: { name: true } }, cohort: { select: { name: true } }, user: { select: { phone: true } } },
    orderBy: [{ cohort: { name: "asc" } }, { firm: { name: "asc" } }, { name: "asc" }],
  });
}
