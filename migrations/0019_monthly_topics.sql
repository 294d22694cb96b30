CREATE TABLE `monthly_topics` (
	`id` text PRIMARY KEY NOT NULL,
	`period` text NOT NULL,
	`title` text NOT NULL,
	`lead_department_id` text NOT NULL,
	`deadline` text NOT NULL,
	`case_ids` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `monthly_topics_period` ON `monthly_topics` (`period`);