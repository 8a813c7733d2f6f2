import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { action as joinAction } from "~/routes/auth/join";
import { action as invitationsAction, loader as invitationsLoader } from "~/routes/programmes/invitations";
import { makeProgramme, makeUser, outcome, routeArgs, unique } from "../support/fixtures";

function randomPhone() {
  return `2557${Math.floor(10_000_000 + Math.random() * 89_999_999)}`;
}

async function issue(managerId: string, programmeId: string, form: Record<string, string>) {
  return outcome(async () =>
    invitationsAction(await routeArgs(`/programmes/${programmeId}/invitations`, { userId: managerId, form, params: { programmeId } })),
  );
}

async function join(form: Record<string, string>) {
  return outcome(async () => joinAction(await routeArgs("/join", { form })));
}

async function setUp() {
  const programme = await makeProgramme();
  const manager = await makeUser({ roles: [{ programmeId: programme.programmeId, role: "manager" }] });
  return { ...programme, manager };
}

describe("invitation codes", () => {
  it("lets a manager issue an owner's code that makes an account tied to the firm", async () => {
    const { programmeId, firmId, manager } = await setUp();
    const issued = await issue(manager.id, programmeId, { role: "owner", name: "Wanjiru Kamau", firmId });
    expect(issued.status).toBe(200);
    const code: string = issued.data.issued.code;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const phone = randomPhone();
    const joined = await join({
      code: code.toLowerCase().replace("-", " "),
      name: "Wanjiru Kamau",
      phone: `+${phone}`,
      password: "mashine-ya-kushona",
      confirmPassword: "mashine-ya-kushona",
      language: "sw",
    });
    expect(joined.status).toBe(302);
    expect(joined.headers.get("Set-Cookie")).toContain("kaizen_session=");

    const user = await db.user.findUniqueOrThrow({ where: { phone }, include: { memberships: true } });
    expect(user).toMatchObject({ name: "Wanjiru Kamau", language: "sw", firmId });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.memberships.map((m) => [m.programmeId, m.role])).toEqual([[programmeId, "owner"]]);
    const audit = await db.auditEvent.findMany({ where: { programmeId, entity: "Invitation" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["invitation.issue", "invitation.redeem"]);
  });

  it("refuses a used, an expired or an unknown code, with the reason beside the code field", async () => {
    const { programmeId, manager } = await setUp();
    const issued = await issue(manager.id, programmeId, { role: "trainer", name: "Daniel Otieno" });
    const code = issued.data.issued.code;
    const form = { name: "Daniel Otieno", password: "a long password", confirmPassword: "a long password", language: "en" };
    expect((await join({ ...form, code, username: unique("dan").slice(0, 20) })).status).toBe(302);

    const again = await join({ ...form, code, username: unique("dan2").slice(0, 20) });
    expect(again.status).toBe(400);
    // Used, expired and unknown codes get one answer: the form tells nobody which codes exist.
    expect(again.data.result.error.code).toEqual(["accounts.codeProblem"]);

    const second = await issue(manager.id, programmeId, { role: "trainer", name: "Late Comer" });
    await db.invitation.update({ where: { code: second.data.issued.code.replace("-", "") }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await join({ ...form, code: second.data.issued.code, username: unique("late").slice(0, 20) });
    expect(expired.data.result.error.code).toEqual(["accounts.codeProblem"]);

    const unknown = await join({ ...form, code: "XXXX-XXXX", username: unique("who").slice(0, 20) });
    expect(unknown.data.result.error.code).toEqual(["accounts.codeProblem"]);
  });

  it("writes nothing when the form is wrong, and keeps the code usable", async () => {
    const { programmeId, manager } = await setUp();
    const taken = randomPhone();
    await makeUser({ phone: taken });
    const issued = await issue(manager.id, programmeId, { role: "trainer", name: "Amina Said" });
    const code = issued.data.issued.code;
    const usersBefore = await db.user.count();

    const badFields = await join({ code, name: "A", phone: "0712", password: "short", confirmPassword: "other", language: "xx" });
    expect(badFields.status).toBe(400);
    expect(badFields.data.result.error).toMatchObject({
      name: ["form.tooShort"],
      phone: ["form.invalidPhone"],
      password: ["form.passwordTooShort"],
      language: ["form.invalidChoice"],
    });
    expect(JSON.stringify(badFields.data)).not.toContain("short\"");

    const noWayIn = await join({ code, name: "Amina Said", password: "long enough", confirmPassword: "long enough", language: "sw" });
    expect(noWayIn.data.result.error.phone).toEqual(["join.needPhoneOrUsername"]);

    const differ = await join({ code, name: "Amina Said", username: "amina.s", password: "long enough", confirmPassword: "long enougH", language: "sw" });
    expect(differ.data.result.error.confirmPassword).toEqual(["join.passwordsDiffer"]);

    const phoneTaken = await join({ code, name: "Amina Said", phone: `+${taken}`, password: "long enough", confirmPassword: "long enough", language: "sw" });
    // Nothing says that this phone has an account.
    expect(phoneTaken.data.result.error).toEqual({ "": ["accounts.detailsRefused"] });

    expect(await db.user.count()).toBe(usersBefore);
    const invitation = await db.invitation.findUniqueOrThrow({ where: { code: code.replace("-", "") } });
    expect(invitation.redeemedAt).toBeNull();
  });

  it("refuses an owner's code for a firm outside the programme, and a code without a firm", async () => {
    const { programmeId, manager } = await setUp();
    const elsewhere = await makeProgramme();
    const outside = await issue(manager.id, programmeId, { role: "owner", name: "Kofi Mensah", firmId: elsewhere.firmId });
    expect(outside.status).toBe(400);
    expect(outside.data.result.error.firmId).toEqual(["invitations.firmNotInProgramme"]);
    const none = await issue(manager.id, programmeId, { role: "owner", name: "Kofi Mensah" });
    expect(none.data.result.error.firmId).toEqual(["invitations.firmNeeded"]);
    expect(await db.invitation.count({ where: { programmeId } })).toBe(0);
  });

  it("is only for the programme's managers", async () => {
    const { programmeId } = await setUp();
    const other = await setUp();
    const trainer = await makeUser({ roles: [{ programmeId, role: "trainer" }] });
    for (const userId of [trainer.id, other.manager.id]) {
      const page = await outcome(async () => invitationsLoader(await routeArgs("/x", { userId, params: { programmeId } })));
      expect(page.status).toBe(403);
      const post = await issue(userId, programmeId, { role: "trainer", name: "Sneaky" });
      expect(post.status).toBe(403);
    }
    expect(await db.invitation.count({ where: { programmeId } })).toBe(0);
  });
});
