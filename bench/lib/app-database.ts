// What the benchmarks that run the real server in this process share: a fresh
// database (a throw-away `kindred_bench_…` database on the local PostgreSQL
// server, or in-memory PGlite) migrated by the server's own code, a raw `exec`
// for set-based generation, and the server built like production on it.
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { buildApp } from "../../apps/server/src/app.js";
import { loadConfig } from "../../apps/server/src/config.js";
import { type Database, openDatabase } from "../../apps/server/src/db/client.js";
import { createThrowawayDatabase } from "../../apps/server/src/testing/database.js";
import { freePort } from "../../apps/server/src/testing/server.js";
import type { Exec } from "./forum-data.js";

export type BenchDatabaseKind = "postgres" | "pglite";
export type { Exec };

export type BenchDatabase = {
  database: Database;
  /** PostgreSQL: a connection of its own (temporary tables and session settings live there); PGlite: the database itself. */
  exec: Exec;
  /** PostgreSQL only: the throw-away database's URL. */
  url: string | null;
  /** Closes everything and drops the throw-away database; safe to call twice. */
  close(): Promise<void>;
};

/** A fresh database, migrated; on PostgreSQL, created on `adminUrl` and dropped by `close`. */
export async function openBenchDatabase(
  kind: BenchDatabaseKind,
  adminUrl: string,
  log: (line: string) => void,
): Promise<BenchDatabase> {
  if (kind === "pglite") {
    const database = await openDatabase({ kind: "pglite", dataDir: null });
    return { database, exec: database.executeSql as Exec, url: null, close: () => database.close() };
  }
  const throwaway = await createThrowawayDatabase(adminUrl, "kindred_bench");
  let database: Database | null = null;
  let client: pg.Client | null = null;
  const close = async () => {
    await client?.end().catch(() => {});
    await database?.close().catch(() => {});
    await throwaway.drop().catch((err: Error) => log(`could not drop the benchmark database: ${err.message}`));
  };
  try {
    database = await openDatabase({ kind: "postgres", url: throwaway.url });
    client = new pg.Client({ connectionString: throwaway.url });
    client.on("error", () => {});
    await client.connect();
  } catch (err) {
    await close();
    throw err;
  }
  const c = client;
  return {
    database,
    exec: ((text, values) => c.query(text, values as unknown[])) as Exec,
    url: throwaway.url,
    close,
  };
}

/** The Kindred server on `database`, built like production (NODE_ENV=production, logging off), on a free loopback port. */
export async function startBenchServer(database: Database, sessionCacheSeconds: number | null = null) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: url,
    AUTH_SECRET: "bench-secret-that-is-long-enough-for-hmac-0123456789",
    KINDRED_DATA_DIR: path.join(os.tmpdir(), "kindred-bench"),
    RATE_LIMIT_AUTH_PER_MINUTE: "1000000",
    ...(sessionCacheSeconds !== null ? { SESSION_CACHE_SECONDS: String(sessionCacheSeconds) } : {}),
  });
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port, host: "127.0.0.1" });
  return {
    url,
    app,
    sessionCacheSeconds: config.sessionCacheSeconds,
    close: async () => {
      // Every request has been answered (settled) by now, but a load generator
      // can leave connections that never sent a request; the server would wait
      // for them (about a minute) before closing.
      const closing = app.close();
      app.server.closeAllConnections();
      await closing.catch(() => {});
    },
  };
}

/** Fails fast, with the fix, when PostgreSQL is not there (before minutes of other work). */
export async function requirePostgres(adminUrl: string, benchmark: string, otherwise?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `the ${benchmark} benchmark needs PostgreSQL at ${adminUrl} (${(err as Error).message}); start it${otherwise ? ", set TEST_DATABASE_URL, or " + otherwise : " or set TEST_DATABASE_URL"}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
