import type en from "./en";

export type AccountsTexts = typeof en;
