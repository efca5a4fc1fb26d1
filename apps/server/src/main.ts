// Start-up: configuration → database → app → listen. Fails fast with readable messages.
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { DatabaseUnreachableError, openDatabase } from "./db/client.js";
import { type DemoSummary, loadDemoContent } from "./modules/demo/seed.js";

async function main() {
  const config = loadConfig();
  const database = config.databaseUrl
    ? await openDatabase({ kind: "postgres", url: config.databaseUrl })
    : await openDatabase({ kind: "pglite", dataDir: config.dataDir });
  const app = await buildApp({ config, database });

  if (config.loadDemoContent) {
    const demo = await loadDemoContent(database.db, app.kindred.auth, config.dataDir, app.log, app.kindred.notifier);
    if (demo) printDemoCredentials(demo);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  await app.kindred.jobs.start();
  const where = config.databaseUrl ? "PostgreSQL" : `embedded database in ${config.dataDir}`;
  const mail = config.smtpUrl ? "SMTP" : `outbox folder ${config.outboxDir}`;
  const realtime = config.redisUrl ? "joined to other processes through Redis" : "this process only";
  console.log(`\n  Kindred is running at ${config.publicUrl}  (${where})\n  E-mail: ${mail}. Real time: ${realtime}.\n  API docs: ${config.publicUrl}/api/docs\n`);
}

function printDemoCredentials(demo: DemoSummary) {
  console.log("\n  Demo accounts (all with password %s):", demo.password);
  for (const p of demo.people) console.log(`    ${p.pseudonym.padEnd(14)} ${p.role}`);
  console.log("  Staff accounts use two-factor authentication; get a sign-in code with:");
  console.log("    npm run --silent demo-code -- admin      (or Wren, Juniper, Dario, Marisol, TeddyB)");
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseUnreachableError) {
    console.error(`\nKindred could not start.\n${err.message}\n`);
  } else {
    console.error("\nKindred could not start:", err instanceof Error ? err.message : err, "\n");
  }
  process.exit(1);
});
