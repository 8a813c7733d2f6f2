import { describe, expect, it } from "vitest";
import { normalisePhoneIn, phoneExample } from "./phone";

describe("phone numbers typed the local way", () => {
  it("take the programme's country code", () => {
    expect(normalisePhoneIn("0754 321 987", "TZ")).toBe("255754321987");
    expect(normalisePhoneIn("0722-000-002", "KE")).toBe("254722000002");
    expect(normalisePhoneIn("0911 234 567", "ET")).toBe("251911234567");
  });

  it("keep a full number as it is, whatever the programme's country", () => {
    expect(normalisePhoneIn("+254 712 345 678", "TZ")).toBe("254712345678");
    expect(normalisePhoneIn("00255 754 321 987", "KE")).toBe("255754321987");
  });

  it("refuse what is not a phone number", () => {
    expect(normalisePhoneIn("call me", "KE")).toBeNull();
    expect(normalisePhoneIn("0712", "KE")).toBeNull();
  });

  it("give an example of the programme's country", () => {
    expect(phoneExample("TZ").full).toMatch(/^\+255/);
    expect(phoneExample("KE").local).toMatch(/^07/);
  });
});
