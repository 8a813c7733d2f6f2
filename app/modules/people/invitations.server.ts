import { hashPassword } from "~/auth/password.server";
import { db } from "~/db/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { generateInvitationCode, normaliseInvitationCode } from "./invitation-code";
import { evidenceChanged } from "~/modules/roster/evidence-version.server";

const VALID_DAYS = 60;

export type InvitationRole = "manager" | "trainer" | "owner";

export type IssueInput = {
  programmeId: string;
  role: InvitationRole;
  name: string;
  cohortId?: string;
  firmId?: string;
  issuedById: string;
};

export type IssueProblem = "firmNeeded" | "firmNotInProgramme" | "cohortNotInProgramme";

/**
 * Issues a code for one person. An owner's code names their firm, which must be enrolled in a
 * cohort of the programme; a trainer's code may name the cohort they will teach.
 */
export async function issueInvitation(input: IssueInput): Promise<{ ok: true; code: string } | { ok: false; field: "firmId" | "cohortId"; problem: IssueProblem }> {
  if (input.cohortId) {
    const cohort = await db.cohort.findFirst({ where: { id: input.cohortId, programmeId: input.programmeId }, select: { id: true } });
    if (!cohort) return { ok: false, field: "cohortId", problem: "cohortNotInProgramme" };
  }
  if (input.role === "owner") {
    if (!input.firmId) return { ok: false, field: "firmId", problem: "firmNeeded" };
    const enrolled = await db.enrolment.findFirst({
      where: { firmId: input.firmId, cohort: { programmeId: input.programmeId } },
      select: { id: true },
    });
    if (!enrolled) return { ok: false, field: "firmId", problem: "firmNotInProgramme" };
  }
  const userId = input.role === "owner" && input.firmId ? await rosterOwnerFor(input.firmId, input.name) : null;
  const code = generateInvitationCode();
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.create({
      data: {
        code,
        programmeId: input.programmeId,
        role: input.role,
        name: input.name,
        cohortId: input.cohortId ?? null,
        firmId: input.role === "owner" ? (input.firmId ?? null) : null,
        userId,
        issuedById: input.issuedById,
        expiresAt: new Date(Date.now() + VALID_DAYS * 24 * 60 * 60 * 1000),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: input.issuedById,
      programmeId: input.programmeId,
      action: "invitation.issue",
      entity: "Invitation",
      entityId: invitation.id,
      after: { role: input.role, name: input.name, cohortId: input.cohortId, firmId: input.firmId },
    });
  });
  return { ok: true, code };
}

/**
 * An owner already on the firm's roster (imported, not yet signed up) whom the code is for: the
 * one with that name, or the only one. Redeeming then completes their record instead of adding a twin.
 */
async function rosterOwnerFor(firmId: string, name: string): Promise<string | null> {
  const waiting = await db.user.findMany({ where: { firmId, passwordHash: null }, select: { id: true, name: true } });
  const named = waiting.find((person) => person.name.trim().toLowerCase() === name.trim().toLowerCase());
  if (named) return named.id;
  return waiting.length === 1 ? waiting[0]!.id : null;
}

/**
 * What the join page may say about an open code before it is used: the role it is for, the
 * programme, the country whose local phone numbers it accepts, and for an owner already on the
 * roster their name and phone. Null for a code that cannot be used (unknown, used or expired
 * alike: the page answers all three the same way).
 */
export async function openInvitation(rawCode: string) {
  const invitation = await db.invitation.findUnique({
    where: { code: normaliseInvitationCode(rawCode) },
    select: {
      role: true,
      name: true,
      redeemedAt: true,
      expiresAt: true,
      programme: { select: { name: true, organisation: { select: { country: true } } } },
      firm: { select: { cluster: { select: { country: true } } } },
      user: { select: { name: true, phone: true } },
    },
  });
  if (!invitation || invitation.redeemedAt || invitation.expiresAt <= new Date()) return null;
  return {
    role: invitation.role as InvitationRole,
    programme: invitation.programme.name,
    country: invitation.firm?.cluster.country ?? invitation.programme.organisation.country,
    name: invitation.user?.name ?? invitation.name,
    phone: invitation.user?.phone ?? null,
  };
}

export type RedeemInput = {
  code: string;
  name: string;
  phone?: string;
  username?: string;
  email?: string;
  password: string;
  language: string;
};

export type RedeemProblem =
  | { field: "code"; problem: "codeUnknown" | "codeUsed" | "codeExpired" }
  | { field: "phone"; problem: "phoneTaken" }
  | { field: "username"; problem: "usernameTaken" }
  | { field: "email"; problem: "emailTaken" };

/**
 * Turns a code into an account: the person, their role in the programme, their firm or cohort,
 * all in one transaction, so a failure leaves no half-made account and the code unused.
 */
export async function redeemInvitation(input: RedeemInput): Promise<{ ok: true; userId: string } | ({ ok: false } & RedeemProblem)> {
  const code = normaliseInvitationCode(input.code);
  const invitation = await db.invitation.findUnique({ where: { code } });
  if (!invitation) return { ok: false, field: "code", problem: "codeUnknown" };
  if (invitation.redeemedAt) return { ok: false, field: "code", problem: "codeUsed" };
  if (invitation.expiresAt <= new Date()) return { ok: false, field: "code", problem: "codeExpired" };

  // The person the code was made for may already be on the roster: their record is completed, not copied.
  const rosterUserId = invitation.userId;
  const taken = await db.user.findFirst({
    where: {
      ...(rosterUserId ? { id: { not: rosterUserId } } : {}),
      OR: [
        ...(input.phone ? [{ phone: input.phone }] : []),
        ...(input.username ? [{ username: input.username }] : []),
        ...(input.email ? [{ email: input.email }] : []),
      ],
    },
    select: { phone: true, username: true, email: true },
  });
  if (taken) {
    if (input.phone && taken.phone === input.phone) return { ok: false, field: "phone", problem: "phoneTaken" };
    if (input.username && taken.username === input.username) return { ok: false, field: "username", problem: "usernameTaken" };
    return { ok: false, field: "email", problem: "emailTaken" };
  }

  const passwordHash = await hashPassword(input.password);
  const userId = await db.$transaction(async (tx) => {
    // Claim the code first: of two people redeeming it at once, only one gets past this line.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, redeemedAt: null },
      data: { redeemedAt: new Date() },
    });
    if (claimed.count !== 1) return null;
    const account = {
      name: input.name,
      phone: input.phone ?? null,
      username: input.username ?? null,
      email: input.email ?? null,
      passwordHash,
      language: input.language,
    };
    const user = rosterUserId
      ? await tx.user.update({ where: { id: rosterUserId }, data: account, select: { id: true } })
      : await tx.user.create({
          data: { ...account, firmId: invitation.role === "owner" ? invitation.firmId : null },
          select: { id: true },
        });
    // A new owner account on the firm: its marks and attempts now count for the firm.
    if (invitation.role === "owner" && invitation.firmId) await evidenceChanged(tx, { firmIds: [invitation.firmId] });
    const membership = { userId: user.id, programmeId: invitation.programmeId, role: invitation.role };
    await tx.membership.upsert({ where: { userId_programmeId_role: membership }, create: membership, update: {} });
    if (invitation.role === "trainer" && invitation.cohortId) {
      await tx.cohortTrainer.create({ data: { cohortId: invitation.cohortId, userId: user.id } });
    }
    await tx.invitation.update({ where: { id: invitation.id }, data: { redeemedById: user.id } });
    await recordAudit(tx, {
      actorId: user.id,
      programmeId: invitation.programmeId,
      action: "invitation.redeem",
      entity: "Invitation",
      entityId: invitation.id,
      after: { userId: user.id, role: invitation.role },
    });
    return user.id;
  });
  if (!userId) return { ok: false, field: "code", problem: "codeUsed" };
  return { ok: true, userId };
}

export type InvitationStatus = "open" | "used" | "expired";

export function invitationStatus(invitation: { redeemedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (invitation.redeemedAt) return "used";
  return invitation.expiresAt <= now ? "expired" : "open";
}

/** The programme's codes, newest first, and what a manager can issue them for. */
export async function invitationPage(programmeId: string) {
  const [programme, invitations, cohorts, enrolments] = await Promise.all([
    db.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { id: true, name: true, isDemo: true } }),
    db.invitation.findMany({
      where: { programmeId },
      select: {
        id: true,
        code: true,
        name: true,
        role: true,
        expiresAt: true,
        redeemedAt: true,
        cohort: { select: { name: true } },
        firm: { select: { name: true } },
      },
      orderBy: { createdAt: "desc" },
      take: 500,
    }),
    db.cohort.findMany({ where: { programmeId }, select: { id: true, name: true }, orderBy: { startsOn: "desc" } }),
    db.enrolment.findMany({
      where: { cohort: { programmeId } },
      select: { firm: { select: { id: true, name: true } }, cohort: { select: { name: true } } },
      orderBy: { firm: { name: "asc" } },
    }),
  ]);
  const now = new Date();
  return {
    programme,
    invitations: invitations.map(({ redeemedAt, ...rest }) => ({ ...rest, status: invitationStatus({ redeemedAt, expiresAt: rest.expiresAt }, now) })),
    cohorts,
    firms: enrolments.map((e) => ({ id: e.firm.id, name: `${e.firm.name} (${e.cohort.name})` })),
  };
}
