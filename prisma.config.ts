// Which of the two Prisma folders the CLI works on follows DATABASE_URL, as the app does
// (see app/db/provider.ts): postgres:// or postgresql:// means PostgreSQL, anything else SQLite.
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/app.db";
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";

export default defineConfig({
  schema: `prisma/${provider}`,
  migrations: { path: `prisma/${provider}/migrations` },
  datasource: { url },
});
