import type en from "./en";

export type BulkTexts = typeof en;
