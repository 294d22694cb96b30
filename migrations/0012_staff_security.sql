CREATE TABLE `partner_usage` (
	`api_key_id` text NOT NULL,
	`minute` text NOT NULL,
	`submissions` integer NOT NULL,
	PRIMARY KEY(`api_key_id`, `minute`)
);
--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`user_id` text NOT NULL,
	`digest` text NOT NULL,
	`created_at` text NOT NULL,
	`used_at` text,
	PRIMARY KEY(`user_id`, `digest`)
);
--> statement-breakpoint
ALTER TABLE `api_keys` ADD `quota_per_minute` integer DEFAULT 600 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `users` ADD `totp_last_step` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_seen_at` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `second_factor_pending` integer DEFAULT false NOT NULL;