import { describe, expect, it } from "vitest";
import { formatInvitationCode, generateInvitationCode, normaliseInvitationCode } from "./invitation-code";

describe("invitation codes", () => {
  it("are 8 characters without look-alike letters and digits", () => {
    for (let i = 0; i < 200; i++) expect(generateInvitationCode()).toMatch(/^[34679ABCDEFGHJKMNPQRTUVWXY]{8}$/);
  });

  it("differ from one another", () => {
    const codes = new Set(Array.from({ length: 1000 }, () => generateInvitationCode()));
    expect(codes.size).toBe(1000);
  });

  it("are the same code however they are typed", () => {
    expect(normaliseInvitationCode(" kz7p-m4qd ")).toBe("KZ7PM4QD");
    expect(normaliseInvitationCode("KZ7P M4QD")).toBe("KZ7PM4QD");
    expect(formatInvitationCode("KZ7PM4QD")).toBe("KZ7P-M4QD");
  });
});
