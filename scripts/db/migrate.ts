// Applies the committed migrations to DATABASE_URL (default file:./data/app.db).
//   npx tsx scripts/db/migrate.ts        (npm run db:migrate)
import { applyMigrations, redactUrl } from "../../app/db/migrate.server";

const databaseUrl = process.env.DATABASE_URL ?? "file:./data/app.db";
const shown = redactUrl(databaseUrl);

try {
  const { applied } = await applyMigrations(databaseUrl);
  if (applied.length === 0) console.log(`${shown}: no pending migrations`);
  else console.log(`${shown}: applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join("\n")}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
