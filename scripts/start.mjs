// `npm start`: build what is not built, then run the server (embedded database unless DATABASE_URL).
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureWebBuild } from "./ensure-web-build.mjs";

const root = path.resolve(import.meta.dirname, "..");
ensureWebBuild();
const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/server/src/main.ts")], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
