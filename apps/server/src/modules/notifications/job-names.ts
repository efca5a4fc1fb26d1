// The notification jobs as senders see them (handlers live in jobs.ts).
import { z } from "zod";
import type { JobRef } from "../../jobs/queue.js";

export const deliverEmailsJob = { name: "email-deliver", schema: z.object({}) } satisfies JobRef;
export const sendDigestsJob = { name: "email-digest", schema: z.object({}) } satisfies JobRef;
