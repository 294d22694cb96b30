CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity`,`entity_id`,`at`);--> statement-breakpoint
ALTER TABLE `addressees` ADD `deactivated_at` text;--> statement-breakpoint
ALTER TABLE `categories` ADD `deactivated_at` text;--> statement-breakpoint
ALTER TABLE `departments` ADD `head_name` text;--> statement-breakpoint
ALTER TABLE `departments` ADD `head_title` text;--> statement-breakpoint
ALTER TABLE `departments` ADD `deactivated_at` text;--> statement-breakpoint
ALTER TABLE `regions` ADD `deactivated_at` text;--> statement-breakpoint
-- The audit log is append-only: not even a bug in the console may rewrite or erase it.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
