import { defineConfig } from "vitest/config";

// Unit tests sit beside the code they test (app/**/*.test.ts) and touch no database.
// Integration tests (tests/integration) run twice: once on SQLite, once on PostgreSQL, each
// worker on its own fresh database copied from one built from the committed migrations.
const integration = (provider: "sqlite" | "postgres") => ({
  extends: true as const,
  test: {
    name: `integration-${provider}`,
    include: ["tests/integration/**/*.test.ts"],
    env: { TEST_DATABASE_PROVIDER: provider, NODE_ENV: "test", LOG_LEVEL: "warn" },
    globalSetup: ["tests/support/database-global-setup.ts"],
    setupFiles: ["tests/support/database-worker-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["app/**/*.test.{ts,tsx}", "tests/unit/**/*.test.ts"], env: { NODE_ENV: "test" } } },
      integration("sqlite"),
      integration("postgres"),
    ],
  },
});
