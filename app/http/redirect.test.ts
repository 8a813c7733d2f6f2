import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it.each([
    ["/programmes/abc/codes", "/programmes/abc/codes"],
    ["/lessons/5s?lang=sw#quiz", "/lessons/5s?lang=sw#quiz"],
    ["/", "/"],
    ["/sessions/x%20y", "/sessions/x%20y"],
  ])("keeps the same-site path %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });

  it.each([
    ["tab then a second slash", "/\t/evil.example/phish"],
    ["tab then a backslash", "/\t\\evil.example"],
    ["protocol-relative", "//evil.example"],
    ["slash backslash", "/\\evil.example"],
    ["backslash later", "/ok\\..\\\\evil.example"],
    ["backslash first", "\\\\evil.example"],
    ["CR LF header injection", "/x\r\nSet-Cookie: a=b"],
    ["LF alone", "/\n/evil.example"],
    ["NUL", "/\u0000/evil.example"],
    ["DEL", "/\u007f/evil.example"],
    ["C1 control", "/\u0085/evil.example"],
    ["line separator", "/\u2028/evil.example"],
    ["encoded second slash", "/%2F/evil.example"],
    ["encoded double slash", "/%2f%2fevil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["encoded tab", "/%09/evil.example"],
    ["encoded CR LF", "/%0d%0aSet-Cookie:%20a=b"],
    ["broken escape", "/%E0%A4%A"],
    ["absolute URL", "https://evil.example/"],
    ["scheme without slashes", "https:evil.example"],
    ["javascript URL", "javascript:alert(1)"],
    ["relative path", "evil.example"],
    ["leading space", " /home"],
    ["empty", ""],
    ["very long", `/${"a".repeat(5000)}`],
  ])("refuses %s", (_label, input) => {
    expect(safeRedirect(input)).toBe("/");
  });

  it("refuses what is not a string and uses the fallback given", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined, "/account")).toBe("/account");
    expect(safeRedirect(new File([], "x"))).toBe("/");
  });
});
