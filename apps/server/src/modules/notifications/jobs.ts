// The notification jobs: the e-mail outbox sweep (every EMAIL_SWEEP_SECONDS, and at once when
// an e-mail is due now) and the digest sweep (every 15 min; each person's
// digest goes at 08:00 their time).
import { defineJob } from "../../jobs/queue.js";
import { type DeliveryDeps, deliverDueEmails, sendDigests } from "./delivery.js";
import { deliverEmailsJob, sendDigestsJob } from "./job-names.js";

export function notificationJobs(deps: DeliveryDeps, opts: { emailSweepSeconds: number }) {
  return [
    defineJob({
      ...deliverEmailsJob,
      everySeconds: opts.emailSweepSeconds,
      collapsePending: true,
      handler: async () => {
        await deliverDueEmails(deps);
      },
    }),
    defineJob({
      ...sendDigestsJob,
      everySeconds: 15 * 60,
      handler: async () => {
        await sendDigests(deps);
      },
    }),
  ];
}
