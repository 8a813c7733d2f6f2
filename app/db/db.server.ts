import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "~/generated/postgres/client.ts";
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client.ts";
import { env } from "~/env.server";
import { providerOf, sqliteFilePath } from "./provider";

/**
 * The one Prisma client. Both generated clients have the same models; the app codes against the
 * SQLite client's types (the two are not assignable to each other, see docs/decisions/0003).
 */
export type Db = InstanceType<typeof SqliteClient>;

export function createDb(databaseUrl: string): Db {
  if (providerOf(databaseUrl) === "postgres") {
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const adapter = new PrismaBetterSqlite3(
    { url: sqliteFilePath(databaseUrl), timeout: 5000 },
    { timestampFormat: "unixepoch-ms" },
  );
  return new SqliteClient({ adapter });
}

/** SQLite is tuned once per process: WAL lets readers work while a roll-call is saved. */
export async function tuneSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
}

const globalForDb = globalThis as unknown as { __kaizenDb?: Db };

/** Created once and reused (also across module reloads in development). */
export const db: Db = (globalForDb.__kaizenDb ??= createDb(env().DATABASE_URL));

export const databaseProvider = providerOf(env().DATABASE_URL);
