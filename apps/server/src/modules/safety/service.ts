// The safety layer as the rest of Kindred sees it (ctx.safety): screen a write
// inside its transaction, dispatch its alert after commit, and the sweep that
// retries deliveries and pages the backup when an alert waits too long.
import type { FastifyBaseLogger } from "fastify";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { defineJob, type JobQueue } from "../../jobs/queue.js";
import type { Notifier } from "../notifications/service.js";
import type { Realtime } from "../../realtime/gateway.js";
import { deliverAlert, escalateOverdue, undeliveredAlerts } from "./alerts.js";
import { type Screening, screenWriting, type Writing } from "./screen.js";

/** How often the sweep looks for undelivered and overdue alerts. */
export const SAFETY_SWEEP_SECONDS = 15;

const deliverAlertJob = { name: "safety-alert-deliver", schema: z.object({ alertId: z.string() }) };
const sweepJob = { name: "safety-sweep", schema: z.object({}) };

export type Safety = ReturnType<typeof createSafety>;

export function createSafety(deps: { db: Db; notifier: Notifier; realtime: Realtime; jobs: JobQueue; log: FastifyBaseLogger }) {
  const services = { db: deps.db, notifier: deps.notifier, realtime: deps.realtime };

  async function deliver(alertId: string) {
    try {
      await deliverAlert(services, alertId);
    } catch (err) {
      // The alert row is committed: the job queue (or, failing that, the sweep) delivers it later. Never the words in the log.
      deps.log.error({ err: { message: (err as Error).message }, alertId }, "crisis alert delivery failed; retrying from the job queue");
      await deps.jobs.trigger(deliverAlertJob, { alertId });
    }
  }

  async function sweep(at = new Date()) {
    for (const { id } of await undeliveredAlerts(deps.db, 10, at)) await deliverAlert(services, id, at);
    return escalateOverdue(services, at);
  }

  return {
    screen: (tx: Db, writing: Writing): Promise<Screening> => screenWriting(tx, writing),
    /** After the write commits: tells the people on call. Never throws, so the write is always acknowledged. */
    async dispatch(screening: Pick<Screening, "alertToDeliver"> | null) {
      if (screening?.alertToDeliver) await deliver(screening.alertToDeliver);
    },
    sweep,
    escalateOverdue: (at = new Date()) => escalateOverdue(services, at),
    jobs: [
      defineJob({ ...deliverAlertJob, retryLimit: 20, retryDelaySeconds: 5, handler: async ({ alertId }) => deliverAlert(services, alertId) }),
      defineJob({ ...sweepJob, everySeconds: SAFETY_SWEEP_SECONDS, handler: async () => void (await sweep()) }),
    ],
  };
}
