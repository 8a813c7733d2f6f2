import { describe, expect, it } from "vitest";
import {
  bodyLimitFor,
  checkBody,
  CSV_IMPORT_BYTES,
  formatBytes,
  isCrossSite,
  PAGE_FORM_BYTES,
  VISIT_BYTES,
} from "./limits";

describe("body limits", () => {
  it("gives each kind of form its limit", () => {
    expect(bodyLimitFor("/sign-in")).toBe(PAGE_FORM_BYTES);
    expect(bodyLimitFor("/sessions/abc")).toBe(PAGE_FORM_BYTES);
    expect(bodyLimitFor("/programmes/p1/roster")).toBe(CSV_IMPORT_BYTES);
    expect(bodyLimitFor("/programmes/p1/roster.data")).toBe(CSV_IMPORT_BYTES);
    expect(bodyLimitFor("/programmes/p1/screening/outcomes")).toBe(
      CSV_IMPORT_BYTES,
    );
    expect(bodyLimitFor("/firms/f1/visits/new")).toBe(VISIT_BYTES);
    expect(bodyLimitFor("/firms/f1/visits/new/x")).toBe(PAGE_FORM_BYTES);
    expect(formatBytes(VISIT_BYTES)).toBe("45 MB");
    expect(formatBytes(PAGE_FORM_BYTES)).toBe("256 KB");
  });

  const post = (
    path: string,
    contentLength: string | null,
    transferEncoding: string | null = null,
  ) => checkBody("POST", path, { contentLength, transferEncoding });

  it("refuses a declared length over the limit before anything is read", () => {
    expect(post("/sign-in", String(PAGE_FORM_BYTES))).toEqual({ ok: true });
    expect(post("/sign-in", String(PAGE_FORM_BYTES + 1))).toEqual({
      ok: false,
      status: 413,
      limit: PAGE_FORM_BYTES,
    });
    expect(post("/sign-in", "50000000")).toMatchObject({ status: 413 });
    expect(post("/firms/f/visits/new", String(40 * 1024 * 1024))).toEqual({
      ok: true,
    });
    expect(post("/firms/f/visits/new", String(46 * 1024 * 1024))).toMatchObject(
      { status: 413 },
    );
    expect(post("/sign-in", "-1")).toMatchObject({ status: 413 });
    expect(post("/sign-in", "1e9")).toMatchObject({ status: 413 });
  });

  it("asks for a length when a body comes without one, and lets bodiless requests through", () => {
    expect(post("/sign-in", null, "chunked")).toMatchObject({ status: 411 });
    expect(post("/sign-out", null)).toEqual({ ok: true });
    expect(
      checkBody("GET", "/", {
        contentLength: "999999999",
        transferEncoding: null,
      }),
    ).toEqual({ ok: true });
  });
});

describe("cross-site requests", () => {
  const url = "http://localhost:3000/language";
  it("accepts this site's own forms", () => {
    expect(
      isCrossSite("POST", url, "http://localhost:3000", "same-origin"),
    ).toBe(false);
    expect(isCrossSite("POST", url, null, null)).toBe(false);
    expect(isCrossSite("GET", url, "http://evil.example", "cross-site")).toBe(
      false,
    );
  });
  it("refuses another site's forms, resource routes included", () => {
    expect(isCrossSite("POST", url, "http://evil.example", "cross-site")).toBe(
      true,
    );
    expect(
      isCrossSite(
        "POST",
        "http://localhost:3000/sign-out",
        "http://localhost:3001",
        null,
      ),
    ).toBe(true);
    expect(isCrossSite("DELETE", url, "null", null)).toBe(true);
    expect(isCrossSite("POST", url, "not a url", null)).toBe(true);
    expect(isCrossSite("POST", url, null, "cross-site")).toBe(true);
  });
});
