// Builds the Actor for a user id: account status, granted roles and 2FA state.
import type { GrantableRole } from "@kindred/contracts";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { roleGrant, user } from "../../db/schema/index.js";
import type { Actor } from "../../policy/index.js";

export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const [u] = await db
    .select({ id: user.id, pseudonym: user.displayUsername, name: user.name, status: user.status, twoFactorEnabled: user.twoFactorEnabled })
    .from(user)
    .where(eq(user.id, userId));
  if (!u) return null;
  const grants = await db.select({ role: roleGrant.role }).from(roleGrant).where(eq(roleGrant.userId, userId));
  return {
    id: u.id,
    pseudonym: u.pseudonym ?? u.name,
    status: u.status,
    twoFactorEnabled: u.twoFactorEnabled,
    grantedRoles: new Set(grants.map((g) => g.role as GrantableRole)),
  };
}
