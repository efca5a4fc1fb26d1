// Real Kindred server processes for tests that need more than one (started the
// way `npm start` starts one), and a private redis-server that a test may stop.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./server.js";

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type ServerProcess = {
  url: string;
  logs: string[];
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
};

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverRoot,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), DEMO_CONTENT: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onLine = (line: string) => {
    logs.push(line);
    for (const w of [...waiters]) {
      if (w.pattern.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffer = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      lines.forEach(onLine);
    });
    stream.on("end", () => buffer && onLine(buffer));
  }
  const waitForLog = (pattern: RegExp, timeoutMs = 30_000) => {
    const seen = logs.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no log matching ${pattern} within ${timeoutMs} ms:\n${logs.slice(-20).join("\n")}`)), timeoutMs);
      waiters.push({ pattern, resolve: (l) => (clearTimeout(timer), resolve(l)) });
    });
  };
  await Promise.race([
    waitForLog(/Kindred is running/, 60_000),
    new Promise((_, reject) =>
      child.once("close", (code) => reject(new Error(`server exited with ${code}:\n${logs.join("\n").slice(0, 4000)}`))),
    ),
  ]);
  return { url: `http://127.0.0.1:${port}`, logs, waitForLog, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** A redis-server of the test's own, on a free loopback port, keeping nothing on disk. */
export async function startPrivateRedis(port?: number) {
  const p = port ?? (await freePort());
  const child = spawn("redis-server", ["--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (s: string) => {
      if (s.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return { url: `redis://127.0.0.1:${p}`, port: p, stop: () => stopChild(child) };
}
