// Every write in every module passes through here inside its own transaction,
// before it is acknowledged: the detector assesses the words, an alert row is
// written for tier 3 and above (or for concern about someone else from tier 2),
// and the moderators' queue gets a detector flag from tier 2. Because the alert
// row commits with the words, an alert can never be lost; telling the people on
// call happens after commit (`dispatch`), and the job queue retries it.
import { assess, type Assessment, type Category } from "@kindred/safety";
import type { CrisisCategory, SafetySourceKind, WriteSupport } from "@kindred/contracts";
import { sql } from "drizzle-orm";
import { type Db, selectRows } from "../../db/client.js";
import { timeOrderedId } from "../../lib/ids.js";
import { raiseReview } from "../moderation/review.js";

// The contract repeats the detector's categories so the web bundle never loads the lexicons;
// this fails to compile if the two lists ever differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const categoriesAgree: Same<Category, CrisisCategory> = true;

export type Writing = {
  sourceKind: SafetySourceKind;
  sourceId: string;
  authorId: string;
  text: string;
  /** The post this one answers, looked up only when the words raise concern about someone else. */
  relatedSource?: () => Promise<string | null>;
};

export type Screening = {
  assessment: Pick<Assessment, "tier" | "categories" | "language">;
  support: WriteSupport;
  /** An alert that is new (or whose tier rose) and must be delivered after commit. */
  alertToDeliver: string | null;
};

/** Help for the author from tier 2 (ideation); an alert for on call from tier 3, or tier 2 about someone else. */
export const HELP_FROM_TIER = 2;
export const ALERT_FROM_TIER = 3;

export function needsAlert(a: Pick<Assessment, "tier" | "categories">) {
  return a.tier >= ALERT_FROM_TIER || (a.tier >= HELP_FROM_TIER && a.categories.includes("concern_for_other"));
}

export function assessSafely(text: string): Screening["assessment"] {
  try {
    const a = assess(text);
    return { tier: a.tier, categories: a.categories, language: a.language };
  } catch {
    // The detector is built never to throw; if it ever did, the person is still heard by a human.
    return { tier: 3, categories: ["distress"], language: "en" };
  }
}

export async function screenWriting(tx: Db, w: Writing): Promise<Screening> {
  const assessment = assessSafely(w.text);
  const support: WriteSupport = { showHelp: assessment.tier >= HELP_FROM_TIER, source: { kind: w.sourceKind, id: w.sourceId } };
  if (assessment.tier < HELP_FROM_TIER) return { assessment, support, alertToDeliver: null };

  await raiseReview(tx, { targetKind: w.sourceKind, targetId: w.sourceId, authorId: w.authorId, source: "detector", reason: "crisis_signal", tier: assessment.tier });
  if (!needsAlert(assessment)) return { assessment, support, alertToDeliver: null };

  const relatedSourceId = assessment.categories.includes("concern_for_other") && w.relatedSource ? await w.relatedSource() : null;
  // An edit of the same words raises the existing alert (and reopens a resolved one) instead of adding a second.
  const [alert] = await selectRows<{ id: string; fresh: boolean }>(
    tx,
    sql`insert into crisis_alert (id, tier, categories, origin, source_kind, source_id, related_source_id, author_id, language)
        values (${timeOrderedId()}, ${assessment.tier}, ${sql.param(assessment.categories)}::text[], 'detector', ${w.sourceKind}, ${w.sourceId},
                ${relatedSourceId}, ${w.authorId}, ${assessment.language})
        on conflict (source_kind, source_id) where origin = 'detector'
        do update set tier = excluded.tier, categories = excluded.categories, status = 'open', delivered_at = null,
                      acknowledged_at = null, acknowledged_by = null, resolved_at = null, resolved_by = null, escalated_at = null,
                      created_at = now()
          where crisis_alert.tier < excluded.tier
        returning id, (xmax = 0) as fresh`,
  );
  if (alert) {
    await tx.execute(sql`insert into audit_log (id, actor_id, action, target_type, target_id, details)
                         values (${crypto.randomUUID()}, null, ${alert.fresh ? "safety.alert_raised" : "safety.alert_raised_again"}, 'crisis_alert', ${alert.id},
                                 ${JSON.stringify({ tier: assessment.tier, categories: assessment.categories, sourceKind: w.sourceKind, sourceId: w.sourceId })}::jsonb)`);
  }
  return { assessment, support, alertToDeliver: alert?.id ?? null };
}
