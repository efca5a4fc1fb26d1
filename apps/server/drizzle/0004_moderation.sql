-- One review queue: members' forum flags move into review_item / review_flag (source "member"),
-- open ones as one pending item per post, settled ones as one resolved item per settlement.
INSERT INTO "review_item" ("id", "target_kind", "target_id", "author_id", "status", "severity", "created_at", "updated_at")
SELECT md5('open:' || f."post_id")::uuid::text, 'forum_post', f."post_id", p."author_id", 'pending',
       max(CASE f."reason" WHEN 'crisis_concern' THEN 100 WHEN 'harassment' THEN 50 WHEN 'unsafe_advice' THEN 40 WHEN 'spam' THEN 20 ELSE 10 END),
       min(f."created_at"), max(f."created_at")
FROM "forum_flag" f JOIN "forum_post" p ON p."id" = f."post_id"
WHERE f."resolved_at" IS NULL
GROUP BY f."post_id", p."author_id"
ON CONFLICT ("target_kind", "target_id") WHERE "status" = 'pending'
DO UPDATE SET "severity" = greatest("review_item"."severity", excluded."severity");--> statement-breakpoint
INSERT INTO "review_item" ("id", "target_kind", "target_id", "author_id", "status", "severity", "created_at", "updated_at", "resolved_at", "resolved_by", "outcome")
SELECT md5('settled:' || f."post_id" || ':' || f."resolved_at"::text)::uuid::text, 'forum_post', f."post_id", p."author_id", 'resolved',
       max(CASE f."reason" WHEN 'crisis_concern' THEN 100 WHEN 'harassment' THEN 50 WHEN 'unsafe_advice' THEN 40 WHEN 'spam' THEN 20 ELSE 10 END),
       min(f."created_at"), max(f."resolved_at"), f."resolved_at", max(f."resolved_by"),
       CASE max(f."outcome") WHEN 'kept' THEN 'dismissed' ELSE max(f."outcome") END
FROM "forum_flag" f JOIN "forum_post" p ON p."id" = f."post_id"
WHERE f."resolved_at" IS NOT NULL
GROUP BY f."post_id", f."resolved_at", p."author_id";--> statement-breakpoint
INSERT INTO "review_flag" ("id", "item_id", "source", "flagger_id", "reason", "note", "tier", "created_at")
SELECT f."id",
       CASE WHEN f."resolved_at" IS NULL
            THEN (SELECT i."id" FROM "review_item" i WHERE i."target_kind" = 'forum_post' AND i."target_id" = f."post_id" AND i."status" = 'pending')
            ELSE md5('settled:' || f."post_id" || ':' || f."resolved_at"::text)::uuid::text END,
       'member', f."flagger_id", f."reason", f."note", NULL, f."created_at"
FROM "forum_flag" f;--> statement-breakpoint
DROP TABLE "forum_flag" CASCADE;--> statement-breakpoint
ALTER TABLE "forum_topic" ADD COLUMN "held_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "conversation_message_author_idx" ON "conversation_message" USING btree ("author_id","created_at" DESC NULLS LAST);
