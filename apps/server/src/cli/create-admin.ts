// Creates the organization's first admin (or makes an existing account an admin):
//   npm run create-admin -- <pseudonym>
// Reads the password from KINDRED_ADMIN_PASSWORD or asks for it on the terminal.
// Uses the same database as `npm start` (DATABASE_URL, else the embedded one in KINDRED_DATA_DIR).
import readline from "node:readline/promises";
import { eq } from "drizzle-orm";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { roleGrant, user } from "../db/schema/index.js";
import * as accounts from "../modules/accounts/service.js";
import { currentGuidelines } from "../modules/organization/service.js";

async function main() {
  const pseudonym = process.argv[2];
  if (!pseudonym) throw new Error("Usage: npm run create-admin -- <pseudonym>");
  const config = loadConfig();
  const database = config.databaseUrl
    ? await openDatabase({ kind: "postgres", url: config.databaseUrl })
    : await openDatabase({ kind: "pglite", dataDir: config.dataDir });
  const app = await buildApp({ config, database, logger: false });
  try {
    const db = database.db;
    let [existing] = await db.select({ id: user.id }).from(user).where(eq(user.username, pseudonym.toLowerCase()));
    if (!existing) {
      const password = process.env.KINDRED_ADMIN_PASSWORD ?? (await ask(`Password for ${pseudonym}: `));
      const guidelines = await currentGuidelines(db);
      // An operator at the server's console needs no invite code or approval.
      await accounts.signUp(
        db,
        app.kindred.auth,
        { pseudonym, password, acceptedGuidelinesVersion: guidelines.version },
        { byOperator: true },
      );
      [existing] = await db.select({ id: user.id }).from(user).where(eq(user.username, pseudonym.toLowerCase()));
    }
    await db.insert(roleGrant).values({ userId: existing!.id, role: "admin" }).onConflictDoNothing();
    await db.update(user).set({ status: "active" }).where(eq(user.id, existing!.id));
    console.log(`${pseudonym} is an admin. Sign in, then turn on two-factor authentication in Settings to use admin powers.`);
  } finally {
    await app.close();
    await database.close();
  }
}

async function ask(question: string) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(question);
  rl.close();
  return answer;
}

main().catch((err: unknown) => {
  const problem = err as { title?: string; detail?: string; message?: string };
  console.error(problem.detail ?? problem.title ?? problem.message ?? String(err));
  process.exit(1);
});
