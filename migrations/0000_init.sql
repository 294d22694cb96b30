CREATE TABLE `addressees` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`department_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_name` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `calendar_days` (
	`version` integer NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`name` text,
	PRIMARY KEY(`version`, `date`)
);
--> statement-breakpoint
CREATE TABLE `calendar_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`note` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`actor_role` text NOT NULL,
	`actor_user_id` text,
	`actor_department_id` text,
	`at` text NOT NULL,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `case_events_case_seq` ON `case_events` (`case_id`,`seq`);--> statement-breakpoint
CREATE TABLE `cases` (
	`case_id` text PRIMARY KEY NOT NULL,
	`tracking_no` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`category` text,
	`region_code` text NOT NULL,
	`address` text,
	`addressee` text,
	`channel` text NOT NULL,
	`is_public` integer NOT NULL,
	`department_id` text,
	`co_department_ids` text DEFAULT '[]' NOT NULL,
	`petitioner_name` text,
	`petitioner_phone` text NOT NULL,
	`petitioner_email` text,
	`query_code_hash` text NOT NULL,
	`receipt_hash` text NOT NULL,
	`status_reason` text,
	`submitted_at` text NOT NULL,
	`accepted_at` text,
	`assigned_at` text,
	`acknowledged_at` text,
	`replied_at` text,
	`closed_at` text,
	`due_at` text,
	`next_due_at` text,
	`reply_text` text,
	`reply_outcome` text,
	`reply_outcome_note` text,
	`reply_spokesperson_name` text,
	`reply_spokesperson_title` text,
	`rating` text,
	`merged_into` text,
	`last_seq` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_tracking_no` ON `cases` (`tracking_no`);--> statement-breakpoint
CREATE INDEX `cases_status` ON `cases` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `cases_department` ON `cases` (`department_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_next_due` ON `cases` (`next_due_at`);--> statement-breakpoint
CREATE INDEX `cases_public_recent` ON `cases` (`is_public`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `categories` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`kind` text NOT NULL,
	`parent_id` text,
	`region_code` text
);
--> statement-breakpoint
CREATE TABLE `evaluation_inbox` (
	`event_id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`type` text NOT NULL,
	`department_id` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `evaluation_inbox_department` ON `evaluation_inbox` (`department_id`,`at`);--> statement-breakpoint
CREATE TABLE `intake_receipts` (
	`event_id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `message_types` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`parent_code` text
);
--> statement-breakpoint
CREATE TABLE `sweep_runs` (
	`sweep_id` text PRIMARY KEY NOT NULL,
	`scheduled_at` text NOT NULL,
	`due_count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `time_limit_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`message_type` text NOT NULL,
	`category` text,
	`stage` text NOT NULL,
	`limit_value` integer,
	`unit` text NOT NULL,
	`extension_cap_days` integer DEFAULT 0 NOT NULL,
	`max_extensions` integer DEFAULT 0 NOT NULL,
	`escalation` text,
	`return_window_days` integer
);
--> statement-breakpoint
CREATE INDEX `time_limit_rules_key` ON `time_limit_rules` (`message_type`,`category`,`stage`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`department_id` text NOT NULL,
	`public_title` text,
	`password_hash` text NOT NULL,
	`disabled_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username` ON `users` (`username`);