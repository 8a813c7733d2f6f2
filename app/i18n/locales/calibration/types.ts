import type en from "./en";

export type CalibrationTexts = typeof en;
