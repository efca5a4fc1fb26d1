// Start-up fails fast and readably when PostgreSQL cannot be reached.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");

describe("start-up", () => {
  it("with an unreachable DATABASE_URL exits with a readable message and no stack trace", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "postgres://kindred@127.0.0.1:1/kindred", PORT: "0", LOG_LEVEL: "silent" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Cannot reach PostgreSQL at 127.0.0.1:1/kindred");
    expect(run.stderr).toContain("DATABASE_URL");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("with invalid configuration names the variable", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
      cwd: root,
      env: { ...process.env, PORT: "not-a-port" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("PORT");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("create-admin command", () => {
  it("creates the first admin in the embedded database", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kindred-admin-"));
    const run = spawnSync(process.execPath, ["--import", "tsx", "apps/server/src/cli/create-admin.ts", "FirstAdmin"], {
      cwd: root,
      env: { ...process.env, KINDRED_DATA_DIR: dir, KINDRED_ADMIN_PASSWORD: "first-admin-path-42", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("FirstAdmin is an admin");
    const { openDatabase } = await import("./db/client.js");
    const { roleGrant, user } = await import("./db/schema/index.js");
    const { eq } = await import("drizzle-orm");
    const database = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      const [u] = await database.db.select().from(user).where(eq(user.username, "firstadmin"));
      expect(u?.status).toBe("active");
      const grants = await database.db.select().from(roleGrant).where(eq(roleGrant.userId, u!.id));
      expect(grants.map((g) => g.role)).toEqual(["admin"]);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
