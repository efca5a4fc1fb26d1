ALTER TABLE "meeting" ADD COLUMN "search" "tsvector";--> statement-breakpoint
CREATE INDEX "meeting_search_idx" ON "meeting" USING gin ("search");--> statement-breakpoint
CREATE INDEX "meeting_occurrence_meeting_start_idx" ON "meeting_occurrence" USING btree ("meeting_id","starts_at");--> statement-breakpoint
UPDATE "meeting" m SET "search" = to_tsvector('simple', m.name || ' ' || m.description || ' ' || m.city || ' ' || coalesce((SELECT g.name FROM "recovery_group" g WHERE g.id = m.group_id), ''));
