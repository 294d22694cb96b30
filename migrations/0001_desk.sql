CREATE TABLE `accountability_records` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`tracking_no` text NOT NULL,
	`department_id` text,
	`stage` text NOT NULL,
	`kind` text NOT NULL,
	`due_at` text NOT NULL,
	`recorded_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `accountability_department` ON `accountability_records` (`department_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `digests` (
	`department_id` text NOT NULL,
	`date` text NOT NULL,
	`due_today` integer NOT NULL,
	`due_soon` integer NOT NULL,
	`overdue` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`department_id`, `date`)
);
--> statement-breakpoint
CREATE TABLE `duplicate_suggestions` (
	`case_id` text NOT NULL,
	`candidate_tracking_no` text NOT NULL,
	`similarity_pct` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`case_id`, `candidate_tracking_no`)
);
--> statement-breakpoint
CREATE TABLE `minhash_signatures` (
	`case_id` text PRIMARY KEY NOT NULL,
	`tracking_no` text NOT NULL,
	`region_code` text NOT NULL,
	`submitted_at` text NOT NULL,
	`signature` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `minhash_region_recent` ON `minhash_signatures` (`region_code`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`message` text NOT NULL,
	`status` text NOT NULL,
	`provider` text,
	`created_at` text NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE INDEX `notifications_status` ON `notifications` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `routing_rules` (
	`category` text NOT NULL,
	`region_code` text DEFAULT '*' NOT NULL,
	`department_id` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`category`, `region_code`)
);
--> statement-breakpoint
CREATE TABLE `screen_words` (
	`word` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`webhook_id` text NOT NULL,
	`event_id` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_status` integer,
	`last_error` text,
	`delivered_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_webhook` ON `webhook_deliveries` (`webhook_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`api_key_id` text NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`created_at` text NOT NULL,
	`disabled_at` text
);
--> statement-breakpoint
DROP INDEX `cases_next_due`;--> statement-breakpoint
ALTER TABLE `cases` ADD `pending_extension_days` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `pending_extension_reason` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `draft_text` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `draft_outcome` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `draft_outcome_note` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `return_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `final_dispatch` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_petitioner_phone` ON `cases` (`petitioner_phone`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `cases_next_due` ON `cases` (`next_due_at`,`case_id`);