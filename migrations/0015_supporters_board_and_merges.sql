ALTER TABLE `cases` ADD `merged_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_public_supporters` ON `cases` (`is_public`,`supporters`,`submitted_at`,`case_id`);