// A real Kindred HTTP server for browser tests: free loopback port, fresh database, built web app.
import net from "node:net";
import { buildApp } from "../app.js";
import { loadDemoContent } from "../modules/demo/seed.js";
import { openTestDatabase } from "./database.js";
import { testConfig } from "./harness.js";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startTestServer(opts: { demo?: boolean; env?: Record<string, string> } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig({ PUBLIC_URL: url, PORT: String(port), RATE_LIMIT_AUTH_PER_MINUTE: "1000", ...opts.env });
  const database = await openTestDatabase();
  const app = await buildApp({ config, database, logger: false });
  if (opts.demo) await loadDemoContent(database.db, app.kindred.auth, config.dataDir, app.log, app.kindred.notifier);
  await app.listen({ port, host: "127.0.0.1" });
  return {
    url,
    app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
