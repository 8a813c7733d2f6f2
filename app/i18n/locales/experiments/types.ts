import type en from "./en";

export type ExperimentTexts = typeof en;
