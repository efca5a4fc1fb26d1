import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const cli = path.join(root, "packages/safety/src/cli.ts");

function run(input: string, args: string[] = []) {
  return spawnSync(process.execPath, ["--import", "tsx", cli, ...args], {
    cwd: root,
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("the assess command", () => {
  it("writes one JSON object per input line, in order, and never the text", () => {
    const lines = ["I want to die", "", "Had a good day", "Me quiero morir", "I took all my pills tonight"];
    const out = run(`${lines.join("\n")}\n`);
    expect(out.status).toBe(0);
    const rows = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows).toEqual([
      { tier: 2, categories: ["suicide"], language: "en" },
      { tier: 0, categories: [], language: "en" },
      { tier: 0, categories: [], language: "en" },
      { tier: 2, categories: ["suicide"], language: "es" },
      { tier: 4, categories: ["suicide", "overdose"], language: "en" },
    ]);
    expect(out.stdout).not.toContain("die");
  });
  it("forces a language with --language and keeps counts with CRLF and no final newline", () => {
    const out = run("hola\r\nI want to die", ["--language", "es"]);
    expect(out.status).toBe(0);
    const rows = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.language)).toEqual(["es", "es"]);
    expect(rows.map((r) => r.tier)).toEqual([0, 2]);
  });
  it("rejects an unknown language on stderr", () => {
    const out = run("hi\n", ["--language", "fr"]);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/--language/);
  });
});
