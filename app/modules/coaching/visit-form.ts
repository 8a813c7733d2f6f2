/**
 * Reading a submitted visit form: pure, so the rules are unit-tested without a server. Errors are
 * translation keys per field; `fields` echoes every typed value so nothing is lost on a 400.
 */
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from "~/http/input";
import type { ChecklistItem } from "./checklist";
import type { Outcome } from "./scoring";

export const MAX_ACTIONS = 5;
export const MAX_PHOTOS = 4;
export const ACTION_MAX_LENGTH = 200;
export const NOTES_MAX_LENGTH = 2000;

export type PhotoKind = "before" | "after";
export type VisitInput = {
  clientId: string;
  /** YYYY-MM-DD */
  date: string;
  durationMinutes: number;
  recordsMonthsSeen: number | null;
  notes: string;
  scores: { itemKey: string; value: number }[];
  actions: string[];
  outcomes: { actionId: string; outcome: Outcome }[];
  photoKinds: (PhotoKind | null)[];
};

export type FieldErrors = Record<string, string[]>;
export type ParseResult = { ok: true; value: VisitInput; fields: Record<string, string> } | { ok: false; errors: FieldErrors; fields: Record<string, string> };

const OUTCOMES: readonly Outcome[] = ["done", "partly", "not_done"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * `today` is the latest day allowed: callers pass the UTC date a few hours ahead, since a visit
 * on the morning of the day in Nairobi or Hanoi is still "yesterday" in UTC.
 */
export function parseVisitForm(
  entries: Iterable<[string, FormDataEntryValue]>,
  context: { items: readonly ChecklistItem[]; today: string; programmeStart: string; previousActionIds: readonly string[] },
): ParseResult {
  const fields: Record<string, string> = {};
  for (const [name, value] of entries) if (typeof value === "string") fields[name] = value;
  const errors: FieldErrors = {};
  const fail = (field: string, key: string) => {
    (errors[field] ??= []).push(key);
  };
  const text = (name: string) => (fields[name] ?? "").trim();

  const clientId = text("clientId");
  if (!CLIENT_ID.test(clientId)) fail("form", "coaching.errors.clientId");

  const date = text("date");
  if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || isoDate(new Date(`${date}T00:00:00Z`)) !== date) {
    fail("date", "coaching.errors.dateInvalid");
  } else if (date > context.today) fail("date", "coaching.errors.dateFuture");
  else if (date < context.programmeStart) fail("date", "coaching.errors.dateBeforeProgramme");

  const duration = Number(text("durationMinutes"));
  if (!text("durationMinutes") || !Number.isInteger(duration) || duration < 10 || duration > 600) fail("durationMinutes", "coaching.errors.duration");

  let recordsMonthsSeen: number | null = null;
  if (text("recordsMonthsSeen")) {
    const months = Number(text("recordsMonthsSeen"));
    if (!Number.isInteger(months) || months < 0 || months > 60) fail("recordsMonthsSeen", "coaching.errors.recordsMonths");
    else recordsMonthsSeen = months;
  }

  const notes = text("notes");
  if (notes.length > NOTES_MAX_LENGTH) fail("notes", "coaching.errors.notesTooLong");
  else if (hasControlCharacters(notes, { multiline: true })) fail("notes", CONTROL_CHARACTERS_MESSAGE);

  const byKey = new Map(context.items.map((item) => [item.key, item]));
  const scores: VisitInput["scores"] = [];
  for (const [name, raw] of Object.entries(fields)) {
    if (!name.startsWith("item.")) continue;
    const key = name.slice(5);
    const item = byKey.get(key);
    if (!item) {
      fail("form", "coaching.errors.unknownItem");
      continue;
    }
    if (raw === "") continue; // not observed
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0 || value > item.max) fail(name, "coaching.errors.scoreRange");
    else scores.push({ itemKey: key, value });
  }
  if (scores.length === 0 && !errors.form?.includes("coaching.errors.unknownItem")) fail("checklist", "coaching.errors.nothingObserved");

  const actions: string[] = [];
  for (let i = 0; i < MAX_ACTIONS; i++) {
    const line = text(`action.${i}`);
    if (!line) continue;
    if (line.length > ACTION_MAX_LENGTH) fail(`action.${i}`, "coaching.errors.actionTooLong");
    else if (hasControlCharacters(line)) fail(`action.${i}`, CONTROL_CHARACTERS_MESSAGE);
    else actions.push(line);
  }

  const outcomes: VisitInput["outcomes"] = [];
  for (const actionId of context.previousActionIds) {
    const raw = text(`outcome.${actionId}`);
    if (!OUTCOMES.includes(raw as Outcome)) fail(`outcome.${actionId}`, "coaching.errors.outcomeNeeded");
    else outcomes.push({ actionId, outcome: raw as Outcome });
  }
  for (const name of Object.keys(fields)) {
    if (name.startsWith("outcome.") && !context.previousActionIds.includes(name.slice(8))) fail("form", "coaching.errors.unknownAction");
  }

  const photoKinds: (PhotoKind | null)[] = [];
  for (let i = 0; i < MAX_PHOTOS; i++) {
    const kind = text(`photoKind.${i}`);
    photoKinds.push(kind === "before" || kind === "after" ? kind : null);
  }

  for (const list of Object.values(errors)) list.splice(0, list.length, ...new Set(list));
  if (Object.keys(errors).length > 0) return { ok: false, errors, fields };
  return { ok: true, fields, value: { clientId, date, durationMinutes: duration, recordsMonthsSeen, notes, scores, actions, outcomes, photoKinds } };
}
