import { db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Country } from "./countries";


/** Organisations and their programmes, newest first, with how much each holds. */
export async function listOrganisations() {
  const organisations = await db.organisation.findMany({
    select: {
      id: true,
      name: true,
      country: true,
      programmes: {
        select: {
          id: true,
          name: true,
          startsOn: true,
          isDemo: true,
          _count: { select: { cohorts: true, memberships: true } },
          cohorts: { select: { _count: { select: { enrolments: true } } } },
        },
        orderBy: [{ startsOn: "desc" }, { createdAt: "desc" }],
      },
    },
    orderBy: { name: "asc" },
  });
  return organisations.map((organisation) => ({
    ...organisation,
    programmes: organisation.programmes.map(({ _count, cohorts, ...programme }) => ({
      ...programme,
      cohorts: _count.cohorts,
      people: _count.memberships,
      firms: cohorts.reduce((sum, cohort) => sum + cohort._count.enrolments, 0),
    })),
  }));
}

export async function createOrganisation(input: { name: string; country: Country }, actorId: string) {
  const existing = await db.organisation.findFirst({ where: { name: input.name }, select: { id: true } });
  if (existing) return { ok: false as const, problem: "nameTaken" as const };
  const organisation = await db.$transaction(async (tx) => {
    const data = { name: input.name, country: input.country };
    const created = await tx.organisation.create({ data, select: { id: true } });
    await recordAudit(tx, { actorId, action: "organisation.create", entity: "Organisation", entityId: created.id, after: data });
    return created;
  });
  return { ok: true as const, id: organisation.id };
}

export async function createProgramme(
  input: { organisationId: string; name: string; startsOn: Date; languages: string[]; clientKey?: string },
  actorId: string,
) {
  // The same form sent twice (a double tap, a resend) answers with the programme it made.
  if (input.clientKey) {
    const made = await db.programme.findUnique({ where: { clientKey: input.clientKey }, select: { id: true } });
    if (made) return { ok: true as const, id: made.id };
  }
  const organisation = await db.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true } });
  if (!organisation) return { ok: false as const, problem: "organisationUnknown" as const };
  const programme = await db.$transaction(async (tx) => {
    const created = await tx.programme.create({
      data: { organisationId: input.organisationId, name: input.name, startsOn: input.startsOn, languages: input.languages.join(","), clientKey: input.clientKey ?? null },
      select: { id: true },
    });
    const { organisationId, name, startsOn, languages } = input;
    await recordAudit(tx, {
      actorId,
      programmeId: created.id,
      action: "programme.create",
      entity: "Programme",
      entityId: created.id,
      after: { organisationId, name, startsOn, languages },
    });
    return created;
  });
  return { ok: true as const, id: programme.id };
}
