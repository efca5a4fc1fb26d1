// The one review queue: every flag (a member's, the detector's, a watched word's,
// a new-account hold) lands on the pending review item of its target, whose
// severity is the highest of its flags.
import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";
import { timeOrderedId } from "../../lib/ids.js";
import { type ReviewSource, severityOf } from "./severity.js";

export type ReviewTargetKind = "forum_post" | "conversation_message" | "group_post";

export type NewReviewFlag = {
  targetKind: ReviewTargetKind;
  targetId: string;
  authorId: string | null;
  source: ReviewSource;
  reason: string;
  note?: string;
  flaggerId?: string | null;
  tier?: number | null;
};

/**
 * Adds a flag to its target's pending review item (creating the item when there
 * is none). Returns null when this member already has an open flag on it.
 */
export async function raiseReview(tx: Db, flag: NewReviewFlag): Promise<{ itemId: string; flagId: string } | null> {
  const severity = severityOf(flag);
  const [item] = await selectRows<{ id: string }>(
    tx,
    sql`insert into review_item (id, target_kind, target_id, author_id, severity)
        values (${timeOrderedId()}, ${flag.targetKind}, ${flag.targetId}, ${flag.authorId}, ${severity})
        on conflict (target_kind, target_id) where status = 'pending'
        do update set severity = greatest(review_item.severity, excluded.severity), updated_at = now()
        returning id`,
  );
  const flagId = timeOrderedId();
  const inserted = await selectRows<{ id: string }>(
    tx,
    sql`insert into review_flag (id, item_id, source, flagger_id, reason, note, tier)
        values (${flagId}, ${item!.id}, ${flag.source}, ${flag.flaggerId ?? null}, ${flag.reason}, ${flag.note ?? ""}, ${flag.tier ?? null})
        on conflict (item_id, flagger_id) where flagger_id is not null do nothing returning id`,
  );
  return inserted.length > 0 ? { itemId: item!.id, flagId } : null;
}

/** Settles the target's pending item, if it has one (a decision taken outside the queue counts too). */
export async function settleReview(tx: Db, target: { kind: ReviewTargetKind; id: string }, by: string, outcome: string) {
  const rows = await selectRows<{ id: string }>(
    tx,
    sql`update review_item set status = 'resolved', resolved_at = now(), resolved_by = ${by}, outcome = ${outcome}, updated_at = now()
        where target_kind = ${target.kind} and target_id = ${target.id} and status = 'pending' returning id`,
  );
  return rows[0]?.id ?? null;
}
