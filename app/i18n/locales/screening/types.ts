import type en from "./en";

export type ScreeningTexts = typeof en;
