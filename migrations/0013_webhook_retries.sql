ALTER TABLE `webhook_deliveries` ADD `status` text DEFAULT 'retrying' NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `body` text;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `next_attempt_at` text;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `give_up_at` text;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `created_at` text;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_created` ON `webhook_deliveries` (`webhook_id`,`created_at`);--> statement-breakpoint
-- Rows from before retries kept no body, so an undelivered one cannot be sent again: it is dead.
UPDATE `webhook_deliveries` SET `status` = CASE WHEN `delivered_at` IS NOT NULL THEN 'delivered' ELSE 'dead' END, `created_at` = `updated_at`, `give_up_at` = CASE WHEN `delivered_at` IS NULL THEN `updated_at` END;
