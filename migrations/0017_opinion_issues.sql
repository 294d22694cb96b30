CREATE TABLE `opinion_issues` (
	`period` text NOT NULL,
	`rank` integer NOT NULL,
	`label` text NOT NULL,
	`heat` real NOT NULL,
	`messages` integer NOT NULL,
	`petitioners` integer NOT NULL,
	`supporters` integer NOT NULL,
	`first_at` text NOT NULL,
	`last_at` text NOT NULL,
	`region_code` text,
	`case_ids` text NOT NULL,
	PRIMARY KEY(`period`, `rank`)
);
