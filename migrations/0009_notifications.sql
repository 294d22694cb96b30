CREATE TABLE `dev_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`template` text NOT NULL,
	`text` text NOT NULL,
	`tracking_no` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notification_optouts` (
	`channel` text NOT NULL,
	`recipient_hash` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`channel`, `recipient_hash`)
);
--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text,
	`case_id` text,
	`tracking_no` text,
	`recipient_kind` text,
	`recipient_ref` text,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`template` text,
	`lang` text,
	`vars` text,
	`secret_vars` text,
	`message` text NOT NULL,
	`status` text NOT NULL,
	`provider` text,
	`provider_message_id` text,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`unsubscribe_token` text,
	`next_attempt_at` text,
	`created_at` text NOT NULL,
	`updated_at` text,
	`sent_at` text
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "case_id", "channel", "recipient", "message", "status", "provider", "created_at", "sent_at") SELECT "id", "case_id", "channel", "recipient", "message", "status", "provider", "created_at", "sent_at" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
CREATE INDEX `notifications_due` ON `notifications` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notifications_recipient_day` ON `notifications` (`recipient`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_case` ON `notifications` (`case_id`);--> statement-breakpoint
CREATE INDEX `notifications_unsubscribe` ON `notifications` (`unsubscribe_token`);--> statement-breakpoint
ALTER TABLE `cases` ADD `petitioner_notify` text;--> statement-breakpoint
ALTER TABLE `users` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `users` ADD `email` text;--> statement-breakpoint
ALTER TABLE `users` ADD `is_head` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `lang` text DEFAULT 'zh-CN' NOT NULL;