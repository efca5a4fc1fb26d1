// Background jobs on pg-boss, in the same database as everything else: jobs
// survive restarts, retry with back-off, and a recurring job runs once per
// period however many Kindred processes are running.
import type { FastifyBaseLogger } from "fastify";
import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { z } from "zod";
import type { Database } from "../db/client.js";

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  /** Queue name: lowercase words joined by dashes, e.g. "email-deliver". */
  name: string;
  schema: S;
  handler: (data: z.infer<S>, job: { id: string }) => Promise<void>;
  /** Attempts after the first failure, with exponential back-off from retryDelaySeconds. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Recurring: one run per period of this many seconds across all processes. */
  everySeconds?: number;
  /** Pending one-off sends collapse into one (a "run soon" trigger). */
  collapsePending?: boolean;
};

export const defineJob = <S extends z.ZodType>(def: JobDefinition<S>) => def;

/** What senders need to know of a job: its queue and the shape of its data. */
export type JobRef<S extends z.ZodType = z.ZodType> = Pick<JobDefinition<S>, "name" | "schema">;

export type SendOptions = { startAfterSeconds?: number; startAfter?: Date };

export type JobQueueOptions = {
  database: Database;
  log: FastifyBaseLogger;
  /** How often an idle worker looks for work; lower in tests. */
  pollingIntervalSeconds?: number;
};

export class JobQueue {
  readonly #boss: PgBoss;
  readonly #log: FastifyBaseLogger;
  readonly #definitions = new Map<string, JobDefinition>();
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #polling: number;
  readonly #database: Database;
  #started = false;

  constructor({ database, log, pollingIntervalSeconds = 2 }: JobQueueOptions) {
    this.#log = log;
    this.#database = database;
    this.#polling = pollingIntervalSeconds;
    const connection =
      database.kind === "postgres" && database.url
        ? { connectionString: database.url, max: 4 }
        : { db: { executeSql: (text: string, values: unknown[]) => database.executeSql(text, values) } };
    this.#boss = new PgBoss({
      ...connection,
      schema: "pgboss",
      // Kindred's own recurring jobs replace pg-boss's minute-granular cron.
      schedule: false,
    });
    this.#boss.on("error", (err) => this.#log.error({ err: { message: err.message } }, "job queue error"));
  }

  get started() {
    return this.#started;
  }

  register(...definitions: JobDefinition[]) {
    for (const d of definitions) {
      if (this.#definitions.has(d.name)) throw new Error(`job ${d.name} defined twice`);
      this.#definitions.set(d.name, d);
    }
    return this;
  }

  async start() {
    if (this.#started) return;
    // Processes starting together would race to create pg-boss's tables and queues
    // (PostgreSQL aborts one side with a deadlock); they take turns instead.
    if (this.#database.kind === "postgres") {
      await this.#database.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('kindred:jobs:start'))`);
        await this.#createQueues();
      });
    } else {
      await this.#createQueues();
    }
    for (const def of this.#definitions.values()) {
      await this.#boss.work(def.name, { batchSize: 1, pollingIntervalSeconds: this.#polling }, async ([job]) => {
        const parsed = def.schema.safeParse(job!.data ?? {});
        if (!parsed.success) {
          // A malformed job can never succeed: log and drop it instead of retrying forever.
          this.#log.error({ job: def.name, id: job!.id }, "job data invalid; dropped");
          return;
        }
        await def.handler(parsed.data, { id: job!.id });
        this.#log.debug({ job: def.name, id: job!.id }, "job done");
      });
      if (def.everySeconds) this.#startRecurring(def.name, def.everySeconds);
    }
    this.#started = true;
  }

  async #createQueues() {
    await this.#boss.start();
    for (const def of this.#definitions.values()) {
      await retryOnDeadlock(() =>
        this.#boss.createQueue(def.name, {
          name: def.name,
          policy: def.collapsePending || def.everySeconds ? "short" : "standard",
          retryLimit: def.retryLimit ?? 5,
          retryDelay: def.retryDelaySeconds ?? 10,
          retryBackoff: true,
        }),
      );
    }
  }

  /** Sends a job; resolves to its id, or null when it collapsed into one already waiting. */
  async send<S extends z.ZodType>(ref: JobRef<S>, data: z.infer<S>, opts: SendOptions = {}): Promise<string | null> {
    const def = this.#definitions.get(ref.name);
    if (!def) throw new Error(`job ${ref.name} is not registered`);
    return this.#boss.send(def.name, data as object, {
      ...(opts.startAfterSeconds !== undefined ? { startAfter: opts.startAfterSeconds } : {}),
      ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
      ...(def.collapsePending ? { singletonKey: "pending" } : {}),
    });
  }

  /** Sends only when the queue is running (a trigger that the recurring sweep would cover anyway). */
  async trigger<S extends z.ZodType>(ref: JobRef<S>, data: z.infer<S>): Promise<void> {
    if (!this.#started) return;
    await this.send(ref, data).catch((err: Error) => this.#log.warn({ err: { message: err.message }, job: ref.name }, "job trigger failed"));
  }

  async stop() {
    for (const t of this.#timers) clearInterval(t);
    this.#timers.length = 0;
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }

  /**
   * Every process offers one job per period; pg-boss's unique (name, time slot)
   * index keeps exactly one of them, so the work runs once per period.
   */
  #startRecurring(name: string, everySeconds: number) {
    const offer = () =>
      this.#boss
        .send(name, {}, { singletonSeconds: everySeconds, singletonKey: "recurring" })
        .catch((err: Error) => this.#log.warn({ err: { message: err.message }, job: name }, "recurring job offer failed"));
    void offer();
    const timer = setInterval(offer, Math.max(500, (everySeconds * 1000) / 3));
    timer.unref();
    this.#timers.push(timer);
  }
}

async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      const deadlock = (err as { code?: string }).code === "40P01" || /deadlock detected/.test(String((err as Error).message));
      if (!deadlock || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 50 * i + Math.random() * 100));
    }
  }
}
