import type en from "./en";

export type CorrectionsTexts = typeof en;
