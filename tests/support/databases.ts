import path from "node:path";
import pg from "pg";

/**
 * Where the integration tests keep their databases. PostgreSQL is the machine's server
 * (POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test); the tests create their own
 * databases on it and never touch the one named in the URL.
 */
export const POSTGRES_URL = process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export const TEMPLATE_NAME = "kaizen_test_template";
export const SQLITE_DIR = path.resolve("tmp/test-db");
export const SQLITE_TEMPLATE = path.join(SQLITE_DIR, "template.db");

export function postgresUrlFor(database: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withPostgresAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function recreatePostgresDatabase(name: string, template?: string): Promise<void> {
  await withPostgresAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  });
}
