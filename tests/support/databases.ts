import path from "node:path";
import pg from "pg";

/**
 * Where the integration tests keep their databases. PostgreSQL is the machine's server
 * (POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test); the tests create their own
 * databases on it and never touch the one named in the URL. Every run has its own id, so two
 * runs on one machine (two developers, or CI beside a developer) never share a database.
 */
export const POSTGRES_URL = process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export function templateName(runId: string) {
  return `kaizen_t${runId}_template`;
}
export function workerDatabaseName(runId: string, worker: string) {
  return `kaizen_t${runId}_w${worker}`;
}
export function sqliteDir(runId: string) {
  return path.resolve(`tmp/test-db/run-${runId}`);
}
export function sqliteTemplate(runId: string) {
  return path.join(sqliteDir(runId), "template.db");
}

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

export async function dropPostgresDatabases(prefix: string): Promise<void> {
  await withPostgresAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
