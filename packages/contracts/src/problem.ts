import { z } from "zod";

/** RFC 9457 problem details, as every Kindred error is sent. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** `silenced` and `new-account-rate-limit`: when writing is possible again (ISO 8601). */
  until: z.string().optional(),
  /** `new-account-rate-limit`: what was being written (forum_post or conversation_message). */
  kind: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;
