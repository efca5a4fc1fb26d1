// What every module's routes receive: the shared services, built once in app.ts.
import type { Config } from "./config.js";
import type { Database, Db } from "./db/client.js";
import type { JobQueue } from "./jobs/queue.js";
import type { Mailer } from "./mail/mailer.js";
import type { Auth } from "./modules/accounts/auth.js";
import type { Notifier } from "./modules/notifications/service.js";
import type { Safety } from "./modules/safety/service.js";
import type { Realtime } from "./realtime/gateway.js";

export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  auth: Auth;
  /** Signs tokens Kindred issues itself (e.g. unsubscribe links). */
  secret: string;
  mailer: Mailer;
  jobs: JobQueue;
  realtime: Realtime;
  notifier: Notifier;
  /** Screens every write for crisis signals and raises alerts to the people on call. */
  safety: Safety;
};
