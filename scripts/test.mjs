// `npm test`: the whole suite (unit, API on PGlite — and on PostgreSQL with
// TEST_DATABASE_URL — and browser journeys), then one summary line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureWebBuild } from "./ensure-web-build.mjs";

const root = path.resolve(import.meta.dirname, "..");
ensureWebBuild();
const report = path.join(root, ".test-output/vitest.json");
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const args = ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync("npx", args, { cwd: root, stdio: "inherit" });
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, "utf8"));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A file whose set-up failed fails no test of its own (its tests count as skipped): say so.
  const brokenFiles = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.every((a) => a.status !== "failed")).length;
  const broken = brokenFiles > 0 ? `, ${brokenFiles} test file${brokenFiles === 1 ? "" : "s"} failed to set up` : "";
  console.log(`\nKindred tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped${broken}`);
}
process.exit(run.status ?? 1);
