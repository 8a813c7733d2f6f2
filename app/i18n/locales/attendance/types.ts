import type en from "./en";
import type { roster, setup } from "./roster-en";

export type AttendanceTexts = typeof en;
export type RosterTexts = typeof roster;
export type SetupTexts = typeof setup;
