// Prisma's WebAssembly schema engine driven from Node through the app's driver adapters, so that
// migrations work where Prisma's native schema-engine binary cannot be downloaded.
// See /work/shared/STACK.md ("Prisma 7 on this machine") for why each workaround below exists.
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import Database from "better-sqlite3";
import pg from "pg";

export type Provider = "sqlite" | "postgres";

export function providerOf(databaseUrl: string): Provider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgres" : "sqlite";
}

// ---------------------------------------------------------------------------------------------
// Loading the engine: the package ships schema_engine_bg.js (the bindings) and
// schema_engine_bg.wasm; its main entry imports the .wasm as an ES module, which Node cannot do,
// so we instantiate the module ourselves. Compiled once per process.

type EngineClass = typeof SchemaEngine;
// Typed here rather than through the DOM lib.
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, Record<string, unknown>>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
// One instance per process, shared by every copy of this module (vitest and Vite load several):
// the bindings module is a process-wide singleton, and instantiating the wasm a second time would
// swap the memory under an engine still running.
const INSTANCE = Symbol.for("kaizen.prisma-schema-engine-wasm");

function loadEngineClass(): Promise<EngineClass> {
  const shared = globalThis as { [INSTANCE]?: Promise<EngineClass> };
  shared[INSTANCE] ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(bindingsPath.replace(/\.js$/, ".wasm"));
    // The engine arms timers it never clears (e.g. a 10 s timeout around PostgreSQL's advisory
    // lock) and would keep the process alive that long: unref them. Pending I/O still holds it.
    const imports: Record<string, unknown> = { ...bindings };
    for (const name of Object.keys(imports).filter((n) => n.startsWith("__wbg_setTimeout_"))) {
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const { WebAssembly } = globalThis as unknown as { WebAssembly: WasmApi };
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
    // A Rust panic hands its message to this registry, then traps (an uncaught RuntimeError).
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message: string) => console.error(`[schema-engine] panic: ${message}`),
    };
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine as EngineClass;
  })();
  shared[INSTANCE].catch(() => delete shared[INSTANCE]);
  return shared[INSTANCE];
}

// ---------------------------------------------------------------------------------------------
// Adapter factories with the workarounds.

/**
 * A factory that disposes, on close(), every adapter it handed out (engine.free() does not), and
 * remembers the last statement the database refused (the engine's own message often drops the
 * database's words).
 */
export type EngineAdapterFactory = SqlMigrationAwareDriverAdapterFactory & {
  close(): Promise<void>;
  lastDatabaseError?: { sql: string; message: string };
};

function databaseMessage(error: unknown): string {
  if (error instanceof DriverAdapterError) {
    const cause = error.cause as { originalMessage?: string; message?: string; kind: string };
    return cause.originalMessage ?? cause.message ?? cause.kind;
  }
  return error instanceof Error ? error.message : String(error);
}

function tracked(
  provider: "sqlite" | "postgres",
  adapterName: string,
  connect: () => Promise<SqlDriverAdapter>,
  connectToShadowDb: () => Promise<SqlDriverAdapter>,
): EngineAdapterFactory {
  const open = new Set<SqlDriverAdapter>();
  const factory: EngineAdapterFactory = {
    provider,
    adapterName,
    connect: async () => track(await connect()),
    connectToShadowDb: async () => track(await connectToShadowDb()),
    close: async () => {
      const results = await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
    },
  };
  const remember = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      factory.lastDatabaseError = { sql, message: databaseMessage(error) };
      throw error;
    }
  };
  function track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const { executeScript, executeRaw, dispose } = adapter;
    adapter.executeScript = (script) => remember(script, () => executeScript.call(adapter, script));
    adapter.executeRaw = (query) => remember(query.sql, () => executeRaw.call(adapter, query));
    let disposed: Promise<void> | undefined;
    adapter.dispose = () => {
      open.delete(adapter);
      return (disposed ??= dispose.call(adapter));
    };
    open.add(adapter);
    return adapter;
  }
  return factory;
}

/** `file:./data/app.db` (relative to process.cwd()) or `file:/abs/path.db` => file path. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
}

/**
 * (1) better-sqlite3 refuses several statements in one prepare(); the engine sends whole migration
 * scripts through executeRaw when it replays them into the shadow database. Argument-less
 * multi-statement SQL goes to executeScript instead.
 */
function acceptScriptsInExecuteRaw(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      const several = error instanceof RangeError && /more than one statement/.test(error.message);
      if (!several || query.args.length > 0) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

export function sqliteFactory(databaseUrl: string): EngineAdapterFactory {
  // Timestamps stored as the native engine stores them (integer milliseconds).
  const base = new PrismaBetterSqlite3({ url: sqlitePath(databaseUrl) }, { timestampFormat: "unixepoch-ms" });
  return tracked(
    "sqlite",
    base.adapterName,
    async () => acceptScriptsInExecuteRaw(await base.connect()),
    async () => acceptScriptsInExecuteRaw(await base.connectToShadowDb()), // :memory:
  );
}

/**
 * (2) The pg adapter throws on columns of PostgreSQL's internal `"char"` type (OID 18), which the
 * engine reads when it inspects a database (pg_class.relkind, pg_constraint.contype, ...).
 * pg hands such values over as strings: relabel the column as text before the adapter looks.
 */
function charAsText<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as pg.QueryResult | undefined)?.fields ?? []) {
      if (field.dataTypeID === 18) field.dataTypeID = 25;
    }
  }
  return result;
}

class CharAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: Error | null, result: unknown) => callback(error, charAsText(result));
      return Reflect.apply(super.query, this, args);
    }
    const pending: unknown = Reflect.apply(super.query, this, args);
    return pending instanceof Promise ? pending.then(charAsText) : pending;
  }
}

/**
 * (3) Connection fields given separately (the adapter's own shadow database would otherwise
 * inherit the connection string's database name and "replay" onto the main database).
 */
export function pgConfig(databaseUrl: string): pg.PoolConfig {
  const url = new URL(databaseUrl);
  const param = (name: string) => url.searchParams.get(name) ?? undefined;
  const sslmode = param("sslmode");
  return {
    host: param("host") ?? (decodeURIComponent(url.hostname) || "localhost"),
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)) || undefined,
    ssl: sslmode && !["disable", "prefer", "allow"].includes(sslmode) ? { rejectUnauthorized: sslmode.startsWith("verify") } : undefined,
  };
}

/**
 * (5) The pg adapter's executeScript splits a migration on every `;` (breaking `$$` bodies and
 * string literals) and sends the pieces one by one, possibly over different pooled connections.
 * The native engine sends the script as one simple query, which PostgreSQL runs as one implicit
 * transaction: a failing migration leaves nothing half-applied. Do the same.
 */
function wholeScripts(adapter: SqlDriverAdapter & { underlyingDriver(): pg.Pool }): SqlDriverAdapter {
  const pool = adapter.underlyingDriver();
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      if (!(error instanceof pg.DatabaseError)) throw error;
      const { code = "", severity = "ERROR", message, detail, column, hint } = error;
      throw new DriverAdapterError({ kind: "postgres", code, severity, message, detail, column, hint });
    }
  };
  return adapter;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withClient<T>(config: pg.ClientConfig, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * (2)+(3)+(4) pg adapter factory for the engine. The shadow database is ours: created with a unique
 * name, and on dispose its pool is ended *before* it is dropped (the adapter's own version leaves
 * it behind). The role needs CREATEDB for anything that uses a shadow database (diff from
 * migrations, drift checks), not for applying migrations.
 */
export function postgresFactory(databaseUrl: string): EngineAdapterFactory {
  const config = pgConfig(databaseUrl);
  const schema = new URL(databaseUrl).searchParams.get("schema") ?? undefined;
  const adapterFor = async (database: string | undefined) =>
    wholeScripts(await new PrismaPg({ ...config, database, Client: CharAsTextClient }, schema ? { schema } : {}).connect());
  return tracked(
    "postgres",
    "@prisma/adapter-pg",
    () => adapterFor(config.database),
    async () => {
      const shadow = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      await withClient(config, (c) => c.query(`CREATE DATABASE ${quoteIdent(shadow)}`));
      const adapter = await adapterFor(shadow);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose(); // ends the shadow pool
        await withClient(config, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(shadow)}`));
      };
      return adapter;
    },
  );
}

export function adapterFactory(databaseUrl: string): EngineAdapterFactory {
  return providerOf(databaseUrl) === "postgres" ? postgresFactory(databaseUrl) : sqliteFactory(databaseUrl);
}

// ---------------------------------------------------------------------------------------------

export interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
}

/**
 * The rows of `_prisma_migrations`, read straight through the driver (no engine, no lock), or
 * undefined when they cannot be read (no database or table yet, ...): the caller then asks the engine.
 */
export async function readMigrationsTable(databaseUrl: string): Promise<MigrationRow[] | undefined> {
  const sql = (table: string) =>
    `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM ${table}`;
  const normalise = (rows: Record<string, unknown>[]) =>
    rows.map((r) => ({
      migration_name: String(r.migration_name),
      checksum: String(r.checksum),
      finished: Boolean(r.finished),
      rolled_back: Boolean(r.rolled_back),
    }));
  try {
    if (providerOf(databaseUrl) === "sqlite") {
      const db = new Database(sqlitePath(databaseUrl), { readonly: true, fileMustExist: true });
      try {
        return normalise(db.prepare(sql('"_prisma_migrations"')).all() as Record<string, unknown>[]);
      } finally {
        db.close();
      }
    }
    const schema = new URL(databaseUrl).searchParams.get("schema") ?? "public";
    const { rows } = await withClient(pgConfig(databaseUrl), (c) => c.query(sql(`${quoteIdent(schema)}."_prisma_migrations"`)));
    return normalise(rows);
  } catch {
    return undefined;
  }
}

/**
 * The engine rejects with Errors carrying a Prisma code (P3009, P3018, ...); make one Error that
 * says what we were doing, the engine's message and what the database said.
 */
export function engineError(error: unknown, doing: string, factory?: EngineAdapterFactory, culprit?: string): Error {
  const code = (error as { code?: unknown } | null)?.code;
  let message = `${doing} failed${typeof code === "string" ? ` (${code})` : ""}`;
  if (culprit) message += ` in migration ${culprit}`;
  message += `: ${error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error)}`;
  const refused = factory?.lastDatabaseError;
  if (refused && !message.includes(refused.message)) message += `\nDatabase error: ${refused.message}`;
  return new Error(message.trimEnd(), { cause: error });
}

/**
 * Runs `fn` with a fresh engine on `factory`'s database; frees the engine and disposes every
 * adapter and pool afterwards, whatever happens.
 */
export async function withSchemaEngine<T>(
  factory: EngineAdapterFactory,
  datamodels: [path: string, content: string][],
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const Engine = await loadEngineClass();
  const log = (message: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error("[schema-engine]", message);
  };
  try {
    const engine = await Engine.new({ datamodels }, log, bindMigrationAwareSqlAdapterFactory(factory));
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } finally {
    await factory.close();
  }
}
