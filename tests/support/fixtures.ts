import { RouterContextProvider } from "react-router";
import { hashPassword } from "~/auth/password.server";
import { createSession, loadSession, SESSION_COOKIE, sessionContext } from "~/auth/session.server";
import { db } from "~/db/db.server";

/** Test data made directly in the database: each test says only what it needs. */
let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export async function makeProgramme(overrides: { name?: string } = {}) {
  const organisation = await db.organisation.create({ data: { name: unique("Agency"), country: "KE" }, select: { id: true } });
  const cluster = await db.cluster.create({
    data: { organisationId: organisation.id, name: unique("Kariobangi"), town: "Nairobi", country: "KE", sector: "metalwork" },
    select: { id: true },
  });
  const programme = await db.programme.create({
    data: { organisationId: organisation.id, name: overrides.name ?? unique("Programme"), startsOn: new Date("2026-02-01"), languages: "en,sw" },
    select: { id: true },
  });
  const cohort = await db.cohort.create({ data: { programmeId: programme.id, name: unique("Cohort"), startsOn: new Date("2026-02-02") }, select: { id: true } });
  const firm = await db.firm.create({
    data: { organisationId: organisation.id, clusterId: cluster.id, name: unique("Firm"), sector: "metalwork", workers: 4 },
    select: { id: true },
  });
  await db.enrolment.create({ data: { cohortId: cohort.id, firmId: firm.id } });
  return { organisationId: organisation.id, clusterId: cluster.id, programmeId: programme.id, cohortId: cohort.id, firmId: firm.id };
}

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;

export async function makeUser(
  options: {
    name?: string;
    phone?: string;
    username?: string;
    email?: string;
    isAdmin?: boolean;
    language?: string;
    firmId?: string;
    roles?: { programmeId: string; role: "manager" | "trainer" | "owner" }[];
  } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return db.user.create({
    data: {
      name: options.name ?? "Test Person",
      phone: options.phone ?? null,
      username: options.username ?? unique("user").toLowerCase(),
      email: options.email ?? null,
      isAdmin: options.isAdmin ?? false,
      language: options.language ?? "en",
      firmId: options.firmId ?? null,
      passwordHash: await passwordHash,
      memberships: { create: options.roles ?? [] },
    },
    select: { id: true, username: true, phone: true },
  });
}

/** Loader/action arguments as React Router passes them, signed in as `userId` (or anonymous). */
export async function routeArgs(
  url: string,
  options: {
    userId?: string;
    method?: string;
    form?: Record<string, string | string[]>;
    params?: Record<string, string>;
    clientAddress?: string;
  } = {},
) {
  const headers = new Headers({ "x-kaizen-client-address": options.clientAddress ?? unique("address") });
  if (options.userId) {
    const { token } = await createSession(options.userId);
    headers.set("Cookie", `${SESSION_COOKIE}=${token}`);
  }
  let body: FormData | undefined;
  if (options.form) {
    body = new FormData();
    for (const [name, value] of Object.entries(options.form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
  }
  const request = new Request(new URL(url, "http://localhost"), { method: options.method ?? (body ? "POST" : "GET"), headers, body });
  const context = new RouterContextProvider();
  context.set(sessionContext, await loadSession(request));
  return { request, context, params: options.params ?? {}, unstable_pattern: "", pattern: "" } as never;
}

/** What a loader or action answered, whether it returned or threw: status, data and headers. */
export async function outcome(run: () => unknown): Promise<{ status: number; data: any; headers: Headers }> {
  try {
    return normalise(await run());
  } catch (thrown) {
    return normalise(thrown);
  }
}

function normalise(value: any): { status: number; data: any; headers: Headers } {
  if (value instanceof Response) return { status: value.status, data: null, headers: value.headers };
  if (value && value.type === "DataWithResponseInit") {
    return { status: value.init?.status ?? 200, data: value.data, headers: new Headers(value.init?.headers) };
  }
  if (value instanceof Error) throw value;
  return { status: 200, data: value, headers: new Headers() };
}
