// A reader's forum preferences: which content warnings stay collapsed for them.
import { CONTENT_WARNINGS, type ForumPreferences } from "@kindred/contracts";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { forumPreference } from "../../db/schema/index.js";

/** Until a person chooses, every warning is collapsed: the gentlest default. */
export async function getForumPreferences(db: Db, userId: string): Promise<ForumPreferences> {
  const [row] = await db.select().from(forumPreference).where(eq(forumPreference.userId, userId));
  return { collapseWarnings: (row?.collapseWarnings ?? [...CONTENT_WARNINGS]) as ForumPreferences["collapseWarnings"] };
}

export async function setForumPreferences(db: Db, userId: string, prefs: ForumPreferences): Promise<ForumPreferences> {
  const collapseWarnings = CONTENT_WARNINGS.filter((w) => prefs.collapseWarnings.includes(w));
  await db
    .insert(forumPreference)
    .values({ userId, collapseWarnings })
    .onConflictDoUpdate({ target: forumPreference.userId, set: { collapseWarnings } });
  return { collapseWarnings };
}
