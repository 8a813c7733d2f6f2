// The fields of a class session as the schedule and correction forms send them: one Zod schema
// for both, so the same input is refused the same way wherever it is typed.
import { z } from "zod";
import { textField } from "~/http/input";

export const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const sessionFields = {
  date: z
    .string({ error: "form.required" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "attendance.badDate")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "attendance.badDate"),
  startTime: z.string({ error: "form.required" }).regex(TIME, "attendance.badTime"),
  endTime: z.string({ error: "form.required" }).regex(TIME, "attendance.badTime"),
  venue: textField({ min: 2, max: 120 }),
  modules: z.array(z.string()).max(10).optional(),
  trainerId: z.string().optional(),
};

/** A form's value for a field that may come back as one string or several. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" && value ? [value] : [];
}
