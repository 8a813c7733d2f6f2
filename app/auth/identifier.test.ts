import { describe, expect, it } from "vitest";
import { normalisePhone, parseIdentifier } from "./identifier";

describe("sign-in identifier", () => {
  it("reads an email whatever its case", () => {
    expect(parseIdentifier("  Akosua@Example.org ")).toEqual({ kind: "email", value: "akosua@example.org" });
  });

  it("reads a full phone number with its country code", () => {
    expect(parseIdentifier("+254 712 345 678")).toEqual({ kind: "phone", value: "254712345678", local: false });
    expect(parseIdentifier("00255-754-123456")).toEqual({ kind: "phone", value: "255754123456", local: false });
  });

  it("reads a local phone number as the end of the full one", () => {
    expect(parseIdentifier("0712 345 678")).toEqual({ kind: "phone", value: "712345678", local: true });
  });

  it("reads anything else as a username", () => {
    expect(parseIdentifier("Kwame.Mensah")).toEqual({ kind: "username", value: "kwame.mensah" });
    expect(parseIdentifier("12ab")).toEqual({ kind: "username", value: "12ab" });
  });
});

describe("phone numbers for new accounts", () => {
  it("keeps the digits with the country code", () => {
    expect(normalisePhone("+251 91 123 4567")).toBe("251911234567");
  });

  it("refuses a local number that lacks the country code", () => {
    expect(normalisePhone("0911 234 567")).toBeNull();
  });

  it("refuses letters and numbers of impossible length", () => {
    expect(normalisePhone("call me")).toBeNull();
    expect(normalisePhone("+1 234")).toBeNull();
  });
});
