ALTER TABLE `addressees` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `categories` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `departments` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `regions` ADD `name_en` text;