import { describe, expect, it } from "vitest";
import { isDatabaseUnreachable } from "./reachable";

describe("isDatabaseUnreachable", () => {
  it("recognises the ways Prisma, the pg adapter and the migration engine report a database that cannot be reached", () => {
    expect(isDatabaseUnreachable({ code: "P1001", message: "Can't reach database server" })).toBe(true);
    expect(isDatabaseUnreachable({ code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } })).toBe(true);
    expect(isDatabaseUnreachable(new Error("Applying migrations failed: Can't reach database server at `127.0.0.1:5439`"))).toBe(true);
    expect(isDatabaseUnreachable(new Error("wrapped", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }) }))).toBe(true);
  });

  it("does not take a query's own fault for an outage", () => {
    expect(isDatabaseUnreachable({ code: "P2002", message: "Unique constraint failed" })).toBe(false);
    expect(isDatabaseUnreachable(new Error("syntax error at or near SELECT"))).toBe(false);
    expect(isDatabaseUnreachable(null)).toBe(false);
  });
});
