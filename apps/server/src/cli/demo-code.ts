// Prints the current two-factor code of a demo staff account, so a newcomer can
// try staff features without an authenticator app:  npm run demo-code -- admin
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../config.js";
import { totp } from "../lib/totp.js";

const who = process.argv[2] ?? "admin";
const config = loadConfig();
const file = path.join(config.dataDir, "demo-two-factor.json");
if (!fs.existsSync(file)) {
  console.error(`No demo two-factor secrets in ${file}: start Kindred once with demo content first.`);
  process.exit(1);
}
const secrets = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
const secret = secrets[who] ?? Object.entries(secrets).find(([k]) => k.toLowerCase() === who.toLowerCase())?.[1];
if (!secret) {
  console.error(`No demo staff account "${who}". Known: ${Object.keys(secrets).join(", ")}`);
  process.exit(1);
}
const remaining = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${totp(secret)}   (code for ${who}; valid for about ${remaining} more seconds)`);
