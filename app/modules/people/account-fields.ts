import { textField } from "~/http/input";
import { z } from "zod";
import { normalisePhone, normaliseUsername } from "~/auth/identifier";
import { LANGUAGE_CODES } from "~/i18n/languages";

/** Field schemas shared by the forms that create or change accounts. Messages are translation keys. */
export const personName = textField({ min: 2, max: 80 });

export const phoneNumber = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const phone = normalisePhone(value);
    if (!phone) ctx.addIssue({ code: "custom", message: "form.invalidPhone" });
    return phone ?? value;
  });

export const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,29}$/, "form.invalidUsername")
  .transform(normaliseUsername);

export const email = z.string().trim().toLowerCase().email("form.invalidEmail").max(254, "form.tooLong");

export const newPassword = z.string({ error: "form.required" }).min(8, "form.passwordTooShort").max(200, "form.tooLong");

export const language = z.enum(LANGUAGE_CODES, { error: "form.invalidChoice" });
