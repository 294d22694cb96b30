CREATE TABLE `case_registry` (
	`case_id` text PRIMARY KEY NOT NULL,
	`tracking_no` text NOT NULL,
	`submitted_at` text NOT NULL,
	`redrives` integer DEFAULT 0 NOT NULL,
	`last_redrive_at` text
);
--> statement-breakpoint
CREATE INDEX `case_registry_submitted` ON `case_registry` (`submitted_at`);--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`body` text NOT NULL,
	`error` text NOT NULL,
	`attempts` integer NOT NULL,
	`received_at` text NOT NULL,
	`replayed_at` text,
	`replays` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dead_letters_open` ON `dead_letters` (`replayed_at`,`received_at`);