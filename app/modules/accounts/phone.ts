import { parseIdentifier } from "~/auth/identifier";
import type { Country } from "~/modules/programmes/countries";

/** Calling codes and a typical mobile number of the countries where programmes run. */
export const CALLING_CODES: Record<Country, string> = { GH: "233", KE: "254", TZ: "255", ET: "251", VN: "84" };
const EXAMPLES: Record<Country, { local: string; full: string }> = {
  GH: { local: "024 123 4567", full: "+233 24 123 4567" },
  KE: { local: "0712 345 678", full: "+254 712 345 678" },
  TZ: { local: "0754 321 987", full: "+255 754 321 987" },
  ET: { local: "0911 234 567", full: "+251 911 234 567" },
  VN: { local: "0912 345 678", full: "+84 912 345 678" },
};

export function phoneExample(country: string): { local: string; full: string } {
  return EXAMPLES[(country in EXAMPLES ? country : "KE") as Country];
}

/**
 * A number as people write it, read the way sign-in reads it (parseIdentifier), made whole with
 * the programme's country code when it was typed the local way ("0754 321 987" in Tanzania is
 * 255754321987). Null when it is not a phone number of plausible length.
 */
export function normalisePhoneIn(raw: string, country: string): string | null {
  const identifier = parseIdentifier(raw);
  if (identifier.kind !== "phone") return null;
  const calling = CALLING_CODES[country as Country];
  const digits = identifier.local ? (calling ? calling + identifier.value : null) : identifier.value;
  if (!digits || digits.startsWith("0") || digits.length < 9 || digits.length > 15) return null;
  return digits;
}
