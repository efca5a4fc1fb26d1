CREATE TABLE "conversation" (
	"id" text PRIMARY KEY NOT NULL,
	"pair_key" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone,
	CONSTRAINT "conversation_pair_key_unique" UNIQUE("pair_key")
);
--> statement-breakpoint
CREATE TABLE "conversation_member" (
	"conversation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"last_read_at" timestamp with time zone,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_member_conversation_id_user_id_pk" PRIMARY KEY("conversation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "conversation_message" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"kind" text DEFAULT 'message' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "crisis_alert" (
	"id" text PRIMARY KEY NOT NULL,
	"tier" integer NOT NULL,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"origin" text NOT NULL,
	"source_kind" text,
	"source_id" text,
	"related_source_id" text,
	"author_id" text,
	"language" text DEFAULT 'en' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"outcome" text,
	"outcome_note" text,
	"conversation_id" text
);
--> statement-breakpoint
CREATE TABLE "oncall_shift" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oncall_swap" (
	"id" text PRIMARY KEY NOT NULL,
	"shift_id" text NOT NULL,
	"on_date" date NOT NULL,
	"cover_user_id" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mute" (
	"muter_id" text NOT NULL,
	"muted_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mute_muter_id_muted_id_pk" PRIMARY KEY("muter_id","muted_id")
);
--> statement-breakpoint
CREATE TABLE "review_flag" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"source" text NOT NULL,
	"flagger_id" text,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"tier" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_item" (
	"id" text PRIMARY KEY NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"author_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"severity" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "silence" (
	"user_id" text PRIMARY KEY NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watched_word" (
	"id" text PRIMARY KEY NOT NULL,
	"phrase" text NOT NULL,
	"action" text NOT NULL,
	"replacement" text,
	"url" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_settings" ADD COLUMN "new_account_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "org_settings" ADD COLUMN "new_account_held_posts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "org_settings" ADD COLUMN "new_account_posts_per_hour" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "org_settings" ADD COLUMN "alert_ack_minutes" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "forum_post" ADD COLUMN "held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "forum_post" ADD COLUMN "held_reason" text;--> statement-breakpoint
ALTER TABLE "conversation" ADD CONSTRAINT "conversation_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_member" ADD CONSTRAINT "conversation_member_conversation_id_conversation_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_member" ADD CONSTRAINT "conversation_member_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_message" ADD CONSTRAINT "conversation_message_conversation_id_conversation_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_message" ADD CONSTRAINT "conversation_message_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_alert" ADD CONSTRAINT "crisis_alert_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_alert" ADD CONSTRAINT "crisis_alert_acknowledged_by_user_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_alert" ADD CONSTRAINT "crisis_alert_resolved_by_user_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_shift" ADD CONSTRAINT "oncall_shift_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_shift" ADD CONSTRAINT "oncall_shift_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_swap" ADD CONSTRAINT "oncall_swap_shift_id_oncall_shift_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."oncall_shift"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_swap" ADD CONSTRAINT "oncall_swap_cover_user_id_user_id_fk" FOREIGN KEY ("cover_user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_swap" ADD CONSTRAINT "oncall_swap_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mute" ADD CONSTRAINT "mute_muter_id_user_id_fk" FOREIGN KEY ("muter_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mute" ADD CONSTRAINT "mute_muted_id_user_id_fk" FOREIGN KEY ("muted_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_flag" ADD CONSTRAINT "review_flag_item_id_review_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."review_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_flag" ADD CONSTRAINT "review_flag_flagger_id_user_id_fk" FOREIGN KEY ("flagger_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_item" ADD CONSTRAINT "review_item_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_item" ADD CONSTRAINT "review_item_resolved_by_user_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "silence" ADD CONSTRAINT "silence_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "silence" ADD CONSTRAINT "silence_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watched_word" ADD CONSTRAINT "watched_word_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_member_user_idx" ON "conversation_member" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "conversation_message_conversation_idx" ON "conversation_message" USING btree ("conversation_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "crisis_alert_queue_idx" ON "crisis_alert" USING btree ("status","tier" DESC NULLS LAST,"created_at") WHERE "crisis_alert"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "crisis_alert_undelivered_idx" ON "crisis_alert" USING btree ("created_at") WHERE "crisis_alert"."delivered_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "crisis_alert_source_idx" ON "crisis_alert" USING btree ("source_kind","source_id") WHERE "crisis_alert"."origin" = 'detector';--> statement-breakpoint
CREATE INDEX "crisis_alert_author_idx" ON "crisis_alert" USING btree ("author_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "oncall_shift_weekday_idx" ON "oncall_shift" USING btree ("weekday");--> statement-breakpoint
CREATE UNIQUE INDEX "oncall_swap_shift_date_idx" ON "oncall_swap" USING btree ("shift_id","on_date");--> statement-breakpoint
CREATE INDEX "review_flag_item_idx" ON "review_flag" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_flag_member_once_idx" ON "review_flag" USING btree ("item_id","flagger_id") WHERE "review_flag"."flagger_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "review_item_target_pending_idx" ON "review_item" USING btree ("target_kind","target_id") WHERE "review_item"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "review_item_queue_idx" ON "review_item" USING btree ("severity" DESC NULLS LAST,"created_at") WHERE "review_item"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "watched_word_phrase_idx" ON "watched_word" USING btree (lower("phrase"));