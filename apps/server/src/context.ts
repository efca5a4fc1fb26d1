// What every module's routes receive: the shared services, built once in app.ts.
import type { Config } from "./config.js";
import type { Database, Db } from "./db/client.js";
import type { Auth } from "./modules/accounts/auth.js";

export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  auth: Auth;
};
