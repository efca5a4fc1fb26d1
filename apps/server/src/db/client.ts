// One Drizzle database over either embedded PGlite (default) or PostgreSQL (DATABASE_URL).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  /** PostgreSQL only: lets libraries with their own pool (pg-boss) connect to the same database. */
  url?: string;
  /** Raw SQL for libraries that bring their own queries (pg-boss on PGlite). */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../drizzle");

export type DatabaseOptions =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string | null /* null = in memory */ };

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10, connectionTimeoutMillis: 5000 });
    pool.on("error", () => {
      /* idle client errors surface through /api/ready; never crash the process */
    });
    try {
      const client = await pool.connect();
      client.release();
    } catch (err) {
      await pool.end().catch(() => {});
      throw new DatabaseUnreachableError(describeConnectError(opts.url, err));
    }
    const db = drizzlePg(pool, { schema, casing: "snake_case" }) as unknown as Db;
    await migratePg(db as never, { migrationsFolder });
    return {
      db,
      kind: "postgres",
      url: opts.url,
      executeSql: (text, values) => pool.query(text, values as unknown[]),
      ping: async () => void (await pool.query("select 1")),
      close: () => pool.end(),
    };
  }
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const client = opts.dataDir ? new PGlite(opts.dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    kind: "pglite",
    executeSql: async (text, values) => {
      if (values && values.length > 0) return client.query(text, values);
      // Parameterless commands may hold several statements (schema set-up); the last result answers.
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    ping: async () => void (await client.query("select 1")),
    close: () => client.close(),
  };
}

export class DatabaseUnreachableError extends Error {}

function describeConnectError(url: string, err: unknown): string {
  let where = "the configured server";
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
  } catch {
    /* keep the generic wording: the URL itself may be the problem */
  }
  const reason = err instanceof Error ? err.message : String(err);
  return `Cannot reach PostgreSQL at ${where} (${reason}). Check DATABASE_URL, or unset it to use the embedded database.`;
}

/** Rows of a raw SQL query, whichever driver ran it (node-postgres and PGlite shape results differently). */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}
