CREATE TABLE `interview_entries` (
	`question_id` text PRIMARY KEY NOT NULL,
	`interview_id` text NOT NULL,
	`seq` integer NOT NULL,
	`question_text` text NOT NULL,
	`asked_at` text NOT NULL,
	`approved_at` text NOT NULL,
	`guest_id` text NOT NULL,
	`answers` text NOT NULL,
	`answer_text` text NOT NULL,
	`tracking_no` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `interview_entries_session` ON `interview_entries` (`interview_id`,`seq`);--> statement-breakpoint
CREATE TABLE `interviews` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`region_code` text NOT NULL,
	`guests` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`ended_at` text,
	`paused` integer DEFAULT false NOT NULL,
	`approved_count` integer DEFAULT 0 NOT NULL,
	`answered_count` integer DEFAULT 0 NOT NULL,
	`cases_count` integer DEFAULT 0 NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `interviews_starts` ON `interviews` (`starts_at`);