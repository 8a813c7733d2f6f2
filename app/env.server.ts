import { z } from "zod";

/**
 * The environment, checked once at start. A wrong value stops the server with a message that
 * says which variable is wrong and what it should look like, instead of failing on first use.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ message: "PORT must be a whole number, e.g. 3000" })
    .int()
    .min(1)
    .max(65535)
    .default(3000),
  DATABASE_URL: z
    .string()
    .default("file:./data/app.db")
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message:
        "DATABASE_URL must be an SQLite file (file:./data/app.db) or a PostgreSQL URL (postgresql://user:password@host:5432/db)",
    }),
  /** Behind a reverse proxy, trust its X-Forwarded-For so that sign-in limits apply per real client. */
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"], { message: "TRUST_PROXY must be 1 or 0" })
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Where coaching-visit photos stored before they moved into the database are read from (docs/decisions/0016). */
  UPLOAD_DIR: z.string().min(1, { message: "UPLOAD_DIR must be a folder path, e.g. ./data/uploads" }).default("./data/uploads"),
  /** Cookies carry Secure in production; set to 0 only for a plain-HTTP trial on a local network. */
  SECURE_COOKIES: z
    .enum(["0", "1", "true", "false"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "1" || v === "true")),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Kaizen LMS cannot start, the environment is not valid:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function secureCookies(): boolean {
  const e = env();
  return e.SECURE_COOKIES ?? e.NODE_ENV === "production";
}
