// Without AUTH_SECRET, a random secret is made once and kept in the data folder,
// so sessions survive restarts of a local install. Production must set AUTH_SECRET.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "./config.js";

export function localSecret(config: Config): string {
  if (config.env === "production") throw new Error("AUTH_SECRET must be set when NODE_ENV=production");
  const file = path.join(config.dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
