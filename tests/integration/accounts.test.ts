import { describe, expect, it } from "vitest";
import { CODE_POLICY } from "~/auth/throttle";
import { db } from "~/db/db.server";
import { action as accountAction } from "~/routes/auth/account";
import { action as resetAction } from "~/routes/auth/reset";
import { action as signInAction } from "~/routes/auth/sign-in";
import { action as peopleAction, loader as peopleLoader } from "~/routes/programmes/people";
import { action as joinAction, loader as joinLoader } from "~/routes/auth/join";
import { action as setupAction } from "~/routes/programmes/setup";
import { makeProgramme, makeUser, outcome, routeArgs, TEST_PASSWORD, unique } from "../support/fixtures";

function randomPhone(country = "254") {
  return `${country}7${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
}

async function setUp() {
  const programme = await makeProgramme();
  const manager = await makeUser({ roles: [{ programmeId: programme.programmeId, role: "manager" }] });
  const trainer = await makeUser({ roles: [{ programmeId: programme.programmeId, role: "trainer" }] });
  const phone = randomPhone();
  const owner = await makeUser({ phone, firmId: programme.firmId, language: "sw", roles: [{ programmeId: programme.programmeId, role: "owner" }] });
  return { ...programme, manager, trainer, owner, phone };
}

async function people(userId: string, programmeId: string, form: Record<string, string>) {
  return outcome(async () => peopleAction(await routeArgs(`/programmes/${programmeId}/people`, { userId, form, params: { programmeId } })));
}

async function issueReset(actorId: string, programmeId: string, userId: string, clientKey = unique("key")) {
  return people(actorId, programmeId, { intent: "reset", userId, clientKey });
}

async function reset(form: Record<string, string>, clientAddress = unique("addr")) {
  return outcome(async () => resetAction(await routeArgs("/reset", { form, clientAddress })));
}

async function signIn(identifier: string, password: string) {
  return outcome(async () => signInAction(await routeArgs("/sign-in", { form: { identifier, password } })));
}

const NEW_PASSWORD = "kahawa ya asubuhi";

describe("reset codes", () => {
  it("a trainer issues a code, the owner uses it once with a local phone number, every session ends, and both steps are audited", async () => {
    const { programmeId, trainer, owner, phone } = await setUp();
    const otherSession = await routeArgs("/", { userId: owner.id });
    const issued = await issueReset(trainer.id, programmeId, owner.id);
    expect(issued.status).toBe(200);
    const code: string = issued.data.done.code;
    expect(code).toMatch(/^[34679ABCDEFGHJKMNPQRTUVWXY]{4}-[34679ABCDEFGHJKMNPQRTUVWXY]{4}$/);
    // Only the hash is kept.
    const row = await db.passwordReset.findFirstOrThrow({ where: { userId: owner.id } });
    expect(row.codeHash).not.toContain(code.replace("-", ""));
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(71 * 3_600_000);

    const used = await reset({ identifier: `0${phone.slice(3)}`, code: code.toLowerCase(), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(used.status).toBe(302);
    expect(used.headers.get("Location")).toBe("/sign-in?reset=done");
    expect(await db.session.count({ where: { userId: owner.id } })).toBe(0);
    void otherSession;
    expect((await signIn(`+${phone}`, NEW_PASSWORD)).status).toBe(302);
    expect((await signIn(`+${phone}`, TEST_PASSWORD)).status).toBe(400);

    const again = await reset({ identifier: `+${phone}`, code, password: "another long phrase", confirmPassword: "another long phrase" });
    expect(again.status).toBe(400);
    expect(again.data.result.error.code).toEqual(["accounts.codeRefused"]);

    const audit = await db.auditEvent.findMany({ where: { entity: "User", entityId: owner.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId, a.programmeId])).toEqual([
      ["passwordReset.issue", trainer.id, programmeId],
      ["passwordReset.use", owner.id, programmeId],
    ]);
    expect(JSON.stringify(audit)).not.toContain(code.replace("-", ""));
  });

  it("answers an expired code, a code for another phone and an unknown code the same way, and changes nothing", async () => {
    const { programmeId, manager, owner, phone } = await setUp();
    const stranger = randomPhone();
    await makeUser({ phone: stranger });
    const issued = await issueReset(manager.id, programmeId, owner.id);
    const code = issued.data.done.code;
    const before = await db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { passwordHash: true } });
    const form = { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };

    const otherPhone = await reset({ ...form, identifier: `+${stranger}`, code });
    const unknownPhone = await reset({ ...form, identifier: `+${randomPhone()}`, code });
    const unknownCode = await reset({ ...form, identifier: `+${phone}`, code: "KKKK-KKKK" });
    await db.passwordReset.updateMany({ where: { userId: owner.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await reset({ ...form, identifier: `+${phone}`, code });
    for (const answer of [otherPhone, unknownPhone, unknownCode, expired]) {
      expect(answer.status).toBe(400);
      expect(answer.data.result.error).toEqual({ code: ["accounts.codeRefused"] });
      expect(JSON.stringify(answer.data)).not.toContain(NEW_PASSWORD);
    }
    const after = await db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { passwordHash: true } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(await db.passwordReset.count({ where: { userId: owner.id, usedAt: { not: null } } })).toBe(0);
  });

  it("refuses a password that is too common, beside the field, before looking at the code", async () => {
    const { programmeId, manager, owner, phone } = await setUp();
    const code = (await issueReset(manager.id, programmeId, owner.id)).data.done.code;
    const weak = await reset({ identifier: `+${phone}`, code, password: "password1", confirmPassword: "password1" });
    expect(weak.status).toBe(400);
    expect(weak.data.result.error).toEqual({ password: ["accounts.passwordCommon"] });
    expect((await reset({ identifier: `+${phone}`, code, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status).toBe(302);
  });

  it("is throttled per code: after the free tries even the right phone must wait", async () => {
    const { programmeId, manager, owner, phone } = await setUp();
    const code = (await issueReset(manager.id, programmeId, owner.id)).data.done.code;
    const form = { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    for (let i = 0; i <= CODE_POLICY.freeFailures; i++) {
      expect((await reset({ ...form, identifier: `+${randomPhone()}`, code })).status).toBe(400);
    }
    const waited = await reset({ ...form, identifier: `+${phone}`, code });
    expect(waited.status).toBe(429);
    expect(waited.data.wait).toBeGreaterThan(0);
  });

  it("is throttled per address: one phone cannot sweep the codes", async () => {
    const address = unique("hall");
    const form = { identifier: `+${randomPhone()}`, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await reset({ ...form, code: `${unique("c").slice(-8)}` }, address)).status);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(20)).toContain(429);
  });

  it("a double tap makes one code row, and the code shown last is the one that works", async () => {
    const { programmeId, manager, owner, phone } = await setUp();
    const key = unique("tap");
    const first = await issueReset(manager.id, programmeId, owner.id, key);
    const second = await issueReset(manager.id, programmeId, owner.id, key);
    expect(await db.passwordReset.count({ where: { userId: owner.id } })).toBe(1);
    const form = { identifier: `+${phone}`, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    expect((await reset({ ...form, code: first.data.done.code })).status).toBe(400);
    expect((await reset({ ...form, code: second.data.done.code })).status).toBe(302);
  });

  it("only staff of the person's programme may issue codes, and only an admin for staff", async () => {
    const { programmeId, manager, trainer, owner } = await setUp();
    const other = await setUp();
    expect((await issueReset(other.manager.id, programmeId, owner.id)).status).toBe(403);
    // A manager of another programme, issuing through their own programme's page for a stranger.
    expect((await issueReset(other.manager.id, other.programmeId, owner.id)).status).toBe(403);
    expect((await issueReset(manager.id, programmeId, trainer.id)).status).toBe(403);
    const ownerAsked = await outcome(async () => peopleLoader(await routeArgs("/x", { userId: owner.id, params: { programmeId } })));
    expect(ownerAsked.status).toBe(403);
    const admin = await makeUser({ isAdmin: true });
    expect((await issueReset(admin.id, programmeId, trainer.id)).status).toBe(200);
    expect(await db.passwordReset.count({ where: { userId: { in: [owner.id, trainer.id] } } })).toBe(1);
  });
});

describe("changing one's password", () => {
  it("needs the current password, refuses a common one, and ends the person's other sessions only", async () => {
    const user = await makeUser();
    await routeArgs("/", { userId: user.id });
    await routeArgs("/", { userId: user.id });
    const args = await routeArgs("/account", {
      userId: user.id,
      form: { intent: "change-password", current: "not it", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    });
    const wrong = await outcome(() => accountAction(args));
    expect(wrong.status).toBe(400);
    expect(wrong.data.result.error).toEqual({ current: ["accounts.currentWrong"] });

    const common = await outcome(async () =>
      accountAction(await routeArgs("/account", { userId: user.id, form: { intent: "change-password", current: TEST_PASSWORD, password: "12345678", confirmPassword: "12345678" } })),
    );
    expect(common.data.result.error).toEqual({ password: ["accounts.passwordCommon"] });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(4);

    const mine = await routeArgs("/account", { userId: user.id, form: { intent: "change-password", current: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } });
    const changed = await outcome(() => accountAction(mine));
    expect(changed.status).toBe(200);
    expect(changed.data.ended).toBe(4);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
    expect((await signIn(user.username!, NEW_PASSWORD)).status).toBe(302);
    const audit = await db.auditEvent.findMany({ where: { entity: "User", entityId: user.id } });
    expect(audit.map((a) => a.action)).toEqual(["password.change"]);
  });
});

describe("roles and deactivation", () => {
  it("a manager appoints an existing person as manager, who then sees the programme's people; removing the role takes it away", async () => {
    const { programmeId, manager } = await setUp();
    const phone = randomPhone();
    const colleague = await makeUser({ phone });
    const appointed = await people(manager.id, programmeId, { intent: "appoint", identifier: `0${phone.slice(3)}` });
    expect(appointed.status).toBe(200);
    const membership = await db.membership.findUniqueOrThrow({ where: { userId_programmeId_role: { userId: colleague.id, programmeId, role: "manager" } } });
    const seen = await outcome(async () => peopleLoader(await routeArgs("/x", { userId: colleague.id, params: { programmeId } })));
    expect(seen.status).toBe(200);

    const unknown = await people(manager.id, programmeId, { intent: "appoint", identifier: `+${randomPhone()}` });
    expect(unknown.status).toBe(400);
    expect(unknown.data.result.error).toEqual({ identifier: ["accounts.personUnknown"] });

    const removed = await people(manager.id, programmeId, { intent: "remove", membershipId: membership.id });
    expect(removed.status).toBe(200);
    const gone = await outcome(async () => peopleLoader(await routeArgs("/x", { userId: colleague.id, params: { programmeId } })));
    expect(gone.status).toBe(403);
    const audit = await db.auditEvent.findMany({ where: { programmeId, entity: "Membership" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["membership.grant", "membership.remove"]);
  });

  it("a manager code makes a manager account at /join", async () => {
    const { programmeId, manager } = await setUp();
    const invited = await people(manager.id, programmeId, { intent: "invite", name: "Neema Mushi" });
    const code = invited.data.done.code;
    const page = await outcome(async () => joinLoader(await routeArgs(`/join?code=${code}`)));
    expect(page.data.invitation).toMatchObject({ role: "manager", name: "Neema Mushi" });
    const joined = await outcome(async () =>
      joinAction(await routeArgs("/join", { form: { code, name: "Neema Mushi", username: unique("neema").slice(0, 25), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, language: "sw" } })),
    );
    expect(joined.status).toBe(302);
    const user = await db.user.findFirstOrThrow({ where: { name: "Neema Mushi", memberships: { some: { programmeId, role: "manager" } } } });
    expect(user.language).toBe("sw");
  });

  it("trainers may not change roles; only an admin deactivates; a deactivated person is signed out, refused sign-in, and keeps their records", async () => {
    const { programmeId, manager, trainer, owner, phone } = await setUp();
    const ownerMembership = await db.membership.findFirstOrThrow({ where: { userId: owner.id, programmeId } });
    expect((await people(trainer.id, programmeId, { intent: "remove", membershipId: ownerMembership.id })).status).toBe(403);
    expect((await people(manager.id, programmeId, { intent: "deactivate", userId: owner.id })).status).toBe(403);
    await routeArgs("/", { userId: owner.id });
    const admin = await makeUser({ isAdmin: true });
    const done = await people(admin.id, programmeId, { intent: "deactivate", userId: owner.id });
    expect(done.status).toBe(200);
    expect(await db.session.count({ where: { userId: owner.id } })).toBe(0);
    const refused = await signIn(`+${phone}`, TEST_PASSWORD);
    expect(refused.status).toBe(403);
    expect(refused.data.result.error).toEqual({ "": ["accounts.deactivated"] });
    // Someone who does not know the password learns nothing about the account.
    expect((await signIn(`+${phone}`, "wrong password")).data.result.error).toEqual({ "": ["signIn.invalid"] });
    expect(await db.membership.count({ where: { userId: owner.id } })).toBe(1);
    expect(await db.user.count({ where: { id: owner.id } })).toBe(1);

    expect((await people(admin.id, programmeId, { intent: "reactivate", userId: owner.id })).status).toBe(200);
    expect((await signIn(`+${phone}`, TEST_PASSWORD)).status).toBe(302);
    const audit = await db.auditEvent.findMany({ where: { entity: "User", entityId: owner.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["user.deactivate", "user.reactivate"]);
  });
});

describe("joining", () => {
  it("accepts the local form of a number for the programme's country, and shows a roster owner's name and phone", async () => {
    const { programmeId, firmId, manager } = await setUp();
    await db.organisation.updateMany({ where: { programmes: { some: { id: programmeId } } }, data: { country: "TZ" } });
    await db.cluster.updateMany({ where: { firms: { some: { id: firmId } } }, data: { country: "TZ" } });
    const rosterPhone = randomPhone("255");
    const rostered = await db.user.create({ data: { name: "Rehema Juma", phone: rosterPhone, firmId }, select: { id: true } });
    const issued = await outcome(async () =>
      (await import("~/routes/programmes/invitations")).action(
        await routeArgs(`/programmes/${programmeId}/invitations`, { userId: manager.id, form: { role: "owner", name: "Rehema Juma", firmId }, params: { programmeId } }),
      ),
    );
    const code = issued.data.issued.code;
    const page = await outcome(async () => joinLoader(await routeArgs(`/join?code=${code}`)));
    expect(page.data.invitation).toMatchObject({ role: "owner", name: "Rehema Juma", phone: rosterPhone, country: "TZ" });
    expect(page.data.invitation.example.full).toMatch(/^\+255/);

    const typed = `0${rosterPhone.slice(3, 6)} ${rosterPhone.slice(6, 9)} ${rosterPhone.slice(9)}`;
    const joined = await outcome(async () =>
      joinAction(await routeArgs("/join", { form: { code, name: "Rehema Juma", phone: typed, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, language: "sw" } })),
    );
    expect(joined.status).toBe(302);
    const user = await db.user.findUniqueOrThrow({ where: { id: rostered.id } });
    expect(user.phone).toBe(rosterPhone);
  });

  it("answers every refused code alike, and does not tell which phones have accounts", async () => {
    const { programmeId, manager } = await setUp();
    const taken = randomPhone();
    await makeUser({ phone: taken });
    const code = (await people(manager.id, programmeId, { intent: "invite", name: "Baraka Ally" })).data.done.code;
    const form = { name: "Baraka Ally", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, language: "en" };
    const phoneTaken = await outcome(async () => joinAction(await routeArgs("/join", { form: { ...form, code, phone: `+${taken}` } })));
    expect(phoneTaken.status).toBe(400);
    expect(phoneTaken.data.result.error).toEqual({ "": ["accounts.detailsRefused"] });
    const unknown = await outcome(async () => joinAction(await routeArgs("/join", { form: { ...form, code: "KKKK-KKKK", username: unique("b").slice(0, 20) } })));
    expect(unknown.data.result.error).toEqual({ code: ["accounts.codeProblem"] });
    const page = await outcome(async () => joinLoader(await routeArgs("/join?code=KKKK-KKKK")));
    expect(page.data).toMatchObject({ invitation: null, codeProblem: true });
  });

  it("is throttled per code", async () => {
    const form = { name: "Baraka Ally", username: unique("t").slice(0, 20), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, language: "en" };
    const code = unique("X").slice(-8).toUpperCase();
    const statuses: number[] = [];
    for (let i = 0; i <= CODE_POLICY.freeFailures + 1; i++) {
      statuses.push((await outcome(async () => joinAction(await routeArgs("/join", { form: { ...form, code } })))).status);
    }
    expect(statuses.at(-1)).toBe(429);
  });

  it("the add-a-firm form takes the owner's number the local way, for the cluster's country", async () => {
    const { programmeId, clusterId, cohortId, manager } = await setUp();
    await db.cluster.update({ where: { id: clusterId }, data: { country: "TZ" } });
    const phone = randomPhone("255");
    const local = `0${phone.slice(3, 6)} ${phone.slice(6, 9)} ${phone.slice(9)}`;
    const form = { intent: "firm", name: unique("Upendo"), sector: "garment", clusterId, cohortId, ownerName: "Upendo Mrema", ownerPhone: local, ownerLanguage: "sw" };
    const added = await outcome(async () => setupAction(await routeArgs(`/programmes/${programmeId}/setup`, { userId: manager.id, form, params: { programmeId } })));
    expect(added.status).toBe(200);
    expect(await db.user.count({ where: { phone } })).toBe(1);
  });
});

describe("programme administration", () => {
  it("a programme form sent twice makes one programme, and the list counts what each holds", async () => {
    const { organisationId, programmeId } = await setUp();
    const admin = await makeUser({ isAdmin: true });
    const { action: adminAction, loader: adminLoader } = await import("~/routes/admin/index");
    const form = { intent: "create-programme", organisationId, name: unique("Arusha furniture"), startsOn: "2026-09-01", languages: ["en", "sw"], clientKey: unique("key") };
    const first = await outcome(async () => adminAction(await routeArgs("/admin", { userId: admin.id, form })));
    const second = await outcome(async () => adminAction(await routeArgs("/admin", { userId: admin.id, form })));
    expect(first.data.created.id).toBe(second.data.created.id);
    expect(await db.programme.count({ where: { organisationId, name: form.name } })).toBe(1);
    const page = await outcome(async () => adminLoader(await routeArgs("/admin", { userId: admin.id })));
    const listed = page.data.organisations.find((o: { id: string }) => o.id === organisationId);
    expect(listed.programmes.find((p: { id: string }) => p.id === programmeId)).toMatchObject({ cohorts: 1, firms: 1, people: 3 });
  });
});
