/** Which database a URL names. Shared by the app, prisma.config.ts and the scripts. */
export type Provider = "sqlite" | "postgres";

export function providerOf(databaseUrl: string): Provider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgres" : "sqlite";
}

/** The SQLite file a `file:` URL points at, relative to the working directory. */
export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}
