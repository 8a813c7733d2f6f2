// The integration tests run on PostgreSQL too: say plainly when it cannot be reached.
import pg from "pg";

const url = process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  await client.query("SELECT 1");
  await client.end();
} catch (error) {
  console.error(`PostgreSQL is not reachable at ${url.replace(/:[^:@/]*@/, ":***@")}: ${error.message}
Start it, or point POSTGRES_URL at a server where this role may create databases.`);
  process.exit(1);
}
