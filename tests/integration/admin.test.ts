import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { action as adminAction, loader as adminLoader } from "~/routes/admin/index";
import { makeUser, outcome, routeArgs, unique } from "../support/fixtures";

async function post(userId: string, form: Record<string, string | string[]>) {
  return outcome(async () => adminAction(await routeArgs("/admin", { userId, form })));
}

describe("administration", () => {
  it("creates an organisation and records who did it", async () => {
    const admin = await makeUser({ isAdmin: true });
    const name = unique("Kenya Industrial Agency");
    const result = await post(admin.id, { intent: "create-organisation", name, country: "KE" });
    expect(result.status).toBe(200);
    const organisation = await db.organisation.findFirstOrThrow({ where: { name } });
    expect(organisation.country).toBe("KE");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: organisation.id } });
    expect(audit).toMatchObject({ actorId: admin.id, action: "organisation.create" });
  });

  it("answers bad input with errors beside the fields and writes nothing", async () => {
    const admin = await makeUser({ isAdmin: true });
    const before = await db.organisation.count();
    const result = await post(admin.id, { intent: "create-organisation", name: " ", country: "FR" });
    expect(result.status).toBe(400);
    expect(result.data.organisation.error).toEqual({ name: ["form.tooShort"], country: ["form.invalidChoice"] });
    expect(result.data.organisation.initialValue).toMatchObject({ country: "FR" });

    const existing = unique("Twin Agency");
    await post(admin.id, { intent: "create-organisation", name: existing, country: "GH" });
    const twin = await post(admin.id, { intent: "create-organisation", name: existing, country: "GH" });
    expect(twin.data.organisation.error.name).toEqual(["admin.nameTaken"]);

    const programme = await post(admin.id, { intent: "create-programme", organisationId: "nope", name: "P", startsOn: "not a date", languages: ["xx"] });
    expect(programme.status).toBe(400);
    expect(Object.keys(programme.data.programme.error).sort()).toEqual(["languages[0]", "name", "startsOn"].sort());
    expect(await db.organisation.count()).toBe(before + 1);
  });

  it("creates a programme for an organisation", async () => {
    const admin = await makeUser({ isAdmin: true });
    const name = unique("Agency");
    await post(admin.id, { intent: "create-organisation", name, country: "ET" });
    const organisation = await db.organisation.findFirstOrThrow({ where: { name } });
    const result = await post(admin.id, { intent: "create-programme", organisationId: organisation.id, name: "Merkato 2027", startsOn: "2027-01-10", languages: ["am", "en"] });
    expect(result.status).toBe(200);
    const programme = await db.programme.findFirstOrThrow({ where: { organisationId: organisation.id } });
    expect(programme).toMatchObject({ name: "Merkato 2027", languages: "am,en" });
  });

  it("is for platform administrators only", async () => {
    const someone = await makeUser();
    expect((await outcome(async () => adminLoader(await routeArgs("/admin", { userId: someone.id })))).status).toBe(403);
    expect((await post(someone.id, { intent: "create-organisation", name: "Sneaky", country: "KE" })).status).toBe(403);
    expect((await outcome(async () => adminLoader(await routeArgs("/admin")))).status).toBe(302);
  });
});
