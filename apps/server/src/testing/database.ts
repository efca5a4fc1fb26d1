// A fresh, isolated database per test file: in-memory PGlite by default, or a
// throw-away database on the PostgreSQL server named by TEST_DATABASE_URL.
import crypto from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "../db/client.js";

export const testDatabaseKind = (): "pglite" | "postgres" =>
  process.env.KINDRED_TEST_DB === "postgres" ? "postgres" : "pglite";

export async function openTestDatabase(): Promise<Database> {
  if (testDatabaseKind() === "pglite") return openDatabase({ kind: "pglite", dataDir: null });
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("KINDRED_TEST_DB=postgres needs TEST_DATABASE_URL");
  const throwaway = await createThrowawayDatabase(adminUrl, "kindred_test");
  const database = await openDatabase({ kind: "postgres", url: throwaway.url });
  return {
    ...database,
    close: async () => {
      await database.close();
      await throwaway.drop();
    },
  };
}

/** A new, empty database on the PostgreSQL server at adminUrl, and a way to drop it. */
export async function createThrowawayDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
