import { describe, expect, it } from "vitest";
import { enabledItems } from "./checklist";
import { sniffImage } from "./photos";
import { parseVisitForm } from "./visit-form";

const context = { items: enabledItems("five_s_audit"), today: "2026-06-10", programmeStart: "2026-02-01", previousActionIds: ["a1", "a2"] };
const good = {
  clientId: "0b7c2a4e-1111-4a5b-9c8d-abcdefabcdef",
  date: "2026-06-09",
  durationMinutes: "150",
  recordsMonthsSeen: "3",
  notes: "Good progress on 5S.",
  "item.five_s_sort": "2",
  "item.flow_wip": "0",
  "item.records_sales": "",
  "action.0": "Paint outlines for the welding tools",
  "action.1": "",
  "outcome.a1": "done",
  "outcome.a2": "partly",
  "photoKind.0": "before",
};

const parse = (over: Record<string, string> = {}, drop: string[] = []) =>
  parseVisitForm(Object.entries({ ...good, ...over }).filter(([k]) => !drop.includes(k)), context);

describe("reading the visit form", () => {
  it("accepts a full visit, leaving blank items out as not observed", () => {
    const result = parse();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.scores).toEqual([
      { itemKey: "five_s_sort", value: 2 },
      { itemKey: "flow_wip", value: 0 },
    ]);
    expect(result.value.actions).toEqual(["Paint outlines for the welding tools"]);
    expect(result.value.outcomes).toEqual([
      { actionId: "a1", outcome: "done" },
      { actionId: "a2", outcome: "partly" },
    ]);
    expect(result.value).toMatchObject({ durationMinutes: 150, recordsMonthsSeen: 3, date: "2026-06-09", photoKinds: ["before", null, null, null] });
  });

  it("refuses an unknown or switched-off item and a score out of range, echoing what was typed", () => {
    const unknown = parse({ "item.no_such_thing": "1" });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors.form).toEqual(["coaching.errors.unknownItem"]);
    const off = parse({ "item.five_s_audit": "1" });
    expect(off.ok).toBe(false);
    const range = parse({ "item.flow_wip": "2" });
    expect(range.ok).toBe(false);
    if (!range.ok) {
      expect(range.errors["item.flow_wip"]).toEqual(["coaching.errors.scoreRange"]);
      expect(range.fields.notes).toBe("Good progress on 5S.");
      expect(range.fields["action.0"]).toBe("Paint outlines for the welding tools");
    }
  });

  it("refuses a date in the future, before the programme, or not a date", () => {
    for (const [date, key] of [
      ["2026-06-11", "coaching.errors.dateFuture"],
      ["2026-01-31", "coaching.errors.dateBeforeProgramme"],
      ["2026-02-30", "coaching.errors.dateInvalid"],
      ["yesterday", "coaching.errors.dateInvalid"],
    ]) {
      const result = parse({ date: date! });
      expect(result.ok, date).toBe(false);
      if (!result.ok) expect(result.errors.date).toEqual([key]);
    }
    expect(parse({ date: "2026-06-10" }).ok).toBe(true);
    expect(parse({ date: "2026-02-01" }).ok).toBe(true);
  });

  it("asks for every previous action's outcome and refuses actions of other visits", () => {
    const missing = parse({}, ["outcome.a2"]);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors["outcome.a2"]).toEqual(["coaching.errors.outcomeNeeded"]);
    const foreign = parse({ "outcome.zz": "done" });
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect(foreign.errors.form).toEqual(["coaching.errors.unknownAction"]);
  });

  it("checks duration, records months, the client id and that something was observed", () => {
    const result = parse({ durationMinutes: "2", recordsMonthsSeen: "-1", clientId: "x", "item.five_s_sort": "", "item.flow_wip": "" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      durationMinutes: ["coaching.errors.duration"],
      recordsMonthsSeen: ["coaching.errors.recordsMonths"],
      form: ["coaching.errors.clientId"],
      checklist: ["coaching.errors.nothingObserved"],
    });
  });
});

describe("recognising images by their bytes", () => {
  it("reads a PNG's size", () => {
    const png = new Uint8Array(32);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(png.buffer).setUint32(16, 640);
    new DataView(png.buffer).setUint32(20, 480);
    expect(sniffImage(png)).toEqual({ mediaType: "image/png", extension: "png", width: 640, height: 480 });
  });

  it("reads a JPEG's size from its frame header, past other segments", () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x03, 0xc0, 0x05, 0x00, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
    expect(sniffImage(jpeg)).toEqual({ mediaType: "image/jpeg", extension: "jpg", width: 1280, height: 960 });
  });

  it("refuses text, a PDF, and an image name on something else", () => {
    expect(sniffImage(new TextEncoder().encode("this is not an image, just words and more words"))).toBeNull();
    expect(sniffImage(new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj"))).toBeNull();
    expect(sniffImage(new Uint8Array(10))).toBeNull();
  });
});
