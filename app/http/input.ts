import { z } from "zod";

/**
 * Shared checks on what people type. Text fields refuse control characters (a venue made of two
 * invisible characters, a line break smuggled into a one-line name, text direction overrides that
 * make a name read differently from what is stored); typed dates stay within the programme and
 * at most a year ahead. Messages are translation keys (app/i18n/locales/limits/).
 */

/** C0 and C1 control characters and the Unicode text-direction overrides and isolates. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The same, but a multi-line text keeps its line breaks and tabs. */
const CONTROL_IN_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export const CONTROL_CHARACTERS_MESSAGE = "limits.controlCharacters";

export function hasControlCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? CONTROL_IN_LINES : CONTROL).test(value);
}

/** A one-line text field: trimmed, between `min` and `max` characters, no control characters. */
export function textField({ min = 1, max }: { min?: number; max: number }) {
  return z
    .string({ error: "form.required" })
    .trim()
    .min(min, min <= 1 ? "form.required" : "form.tooShort")
    .max(max, "form.tooLong")
    .refine((value) => !hasControlCharacters(value), CONTROL_CHARACTERS_MESSAGE);
}

const DAY = 24 * 60 * 60 * 1000;

/** The days a typed date may fall on, as YYYY-MM-DD: the programme's span, and no more than a year ahead. */
export type DaySpan = { earliest: string; latest: string };

export function programmeDaySpan(programme: { startsOn: Date; endsOn: Date | null }, now = new Date()): DaySpan {
  const yearAhead = new Date(now.getTime() + 366 * DAY);
  const end = programme.endsOn && programme.endsOn < yearAhead ? programme.endsOn : yearAhead;
  return { earliest: isoDay(programme.startsOn), latest: isoDay(end) };
}

/** Why a YYYY-MM-DD day is outside the span, as a message key; null when inside. */
export function dayOutsideSpan(day: string, span: DaySpan): "limits.dateTooEarly" | "limits.dateTooLate" | null {
  if (day < span.earliest) return "limits.dateTooEarly";
  if (day > span.latest) return "limits.dateTooLate";
  return null;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
