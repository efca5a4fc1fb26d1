// Builds the web app when apps/web/dist is missing or older than its sources.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const web = path.join(root, "apps/web");
const built = path.join(web, "dist/index.html");
const shared = path.join(root, "packages/contracts/src");

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

export function ensureWebBuild() {
  const sources = Math.max(newest(path.join(web, "src")), newest(shared), fs.statSync(path.join(web, "index.html")).mtimeMs);
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  console.log("Building the web app…");
  execSync("npm run build --workspace @kindred/web", { cwd: root, stdio: "inherit" });
}

if (process.argv[1] === import.meta.filename) ensureWebBuild();
