CREATE TABLE `widget_origins` (
	`origin` text PRIMARY KEY NOT NULL,
	`partner_name` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `evaluation_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `evaluator_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`weight` real NOT NULL
);
--> statement-breakpoint
CREATE TABLE `evaluator_members` (
	`user_id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `opinion_case_terms` (
	`case_id` text NOT NULL,
	`term` text NOT NULL,
	`day` text NOT NULL,
	`region_code` text NOT NULL,
	PRIMARY KEY(`case_id`, `term`)
);
--> statement-breakpoint
CREATE INDEX `opinion_case_terms_day` ON `opinion_case_terms` (`day`,`region_code`,`term`);--> statement-breakpoint
CREATE INDEX `opinion_case_terms_term` ON `opinion_case_terms` (`term`,`case_id`);--> statement-breakpoint
CREATE TABLE `opinion_clusters` (
	`period` text NOT NULL,
	`cluster_id` text NOT NULL,
	`size` integer NOT NULL,
	`region_code` text NOT NULL,
	`label` text NOT NULL,
	`case_ids` text NOT NULL,
	PRIMARY KEY(`period`, `cluster_id`)
);
--> statement-breakpoint
CREATE TABLE `opinion_cursor` (
	`id` integer PRIMARY KEY NOT NULL,
	`submitted_at` text NOT NULL,
	`case_id` text NOT NULL,
	`ran_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `opinion_daily` (
	`day` text NOT NULL,
	`region_code` text NOT NULL,
	`term` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`day`, `region_code`, `term`)
);
--> statement-breakpoint
CREATE TABLE `opinion_topics` (
	`period` text NOT NULL,
	`region_code` text NOT NULL,
	`term` text NOT NULL,
	`n` integer NOT NULL,
	`recent` integer NOT NULL,
	`baseline` real NOT NULL,
	`burst` real NOT NULL,
	`rising` integer NOT NULL,
	`dissatisfied` integer NOT NULL,
	PRIMARY KEY(`period`, `region_code`, `term`)
);
--> statement-breakpoint
CREATE TABLE `panel_scores` (
	`period` text NOT NULL,
	`department_id` text NOT NULL,
	`user_id` text NOT NULL,
	`leadership` integer NOT NULL,
	`rules` integer NOT NULL,
	`feedback` integer NOT NULL,
	`acceptance` integer NOT NULL,
	`comment` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`period`, `department_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `panel_scores_period` ON `panel_scores` (`period`);--> statement-breakpoint
CREATE TABLE `rollup_applied` (
	`event_id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rollup_counts` (
	`period` text NOT NULL,
	`department_id` text NOT NULL,
	`region_code` text NOT NULL,
	`category` text NOT NULL,
	`counter` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`period`, `department_id`, `region_code`, `category`, `counter`)
);
--> statement-breakpoint
CREATE TABLE `rollup_units` (
	`period` text NOT NULL,
	`kind` text NOT NULL,
	`unit_id` text NOT NULL,
	`counter` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`period`, `kind`, `unit_id`, `counter`)
);
--> statement-breakpoint
DROP TABLE `evaluation_inbox`;--> statement-breakpoint
CREATE INDEX `case_events_type_at` ON `case_events` (`type`,`at`);--> statement-breakpoint
CREATE INDEX `cases_submitted` ON `cases` (`submitted_at`,`case_id`);--> statement-breakpoint
CREATE INDEX `cases_public_department` ON `cases` (`department_id`,`is_public`,`submitted_at`,`case_id`);--> statement-breakpoint
CREATE INDEX `cases_public_region` ON `cases` (`region_code`,`is_public`,`submitted_at`,`case_id`);