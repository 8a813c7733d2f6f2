// What an arm offers, as the set-up form and the pages name it. Pure: shared by server and browser.
import { STRATIFIERS, type Stratifier } from "./assignment";

export const ARM_GETS = ["classes", "visits", "both", "none"] as const;
export type ArmGets = (typeof ARM_GETS)[number];
export type ArmInput = { name: string; gets: ArmGets; ratio: number };

export function getsOf(arm: { offersClasses: boolean; offersVisits: boolean }): ArmGets {
  return arm.offersClasses ? (arm.offersVisits ? "both" : "classes") : arm.offersVisits ? "visits" : "none";
}

export function parseStratifiers(text: string): Stratifier[] {
  return STRATIFIERS.filter((s) => text.split(",").includes(s));
}
