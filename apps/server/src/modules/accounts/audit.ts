// Audit trail of staff actions and of staff access to another person's private data.
import type { Db } from "../../db/client.js";
import { auditLog } from "../../db/schema/index.js";

export async function recordAudit(
  db: Db,
  actorId: string | null,
  action: string,
  targetType: string,
  targetId: string | null,
  details: Record<string, unknown> = {},
) {
  await db.insert(auditLog).values({ id: crypto.randomUUID(), actorId, action, targetType, targetId, details });
}
