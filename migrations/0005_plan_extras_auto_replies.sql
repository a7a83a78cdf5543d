CREATE TABLE `auto_replies` (
	`batch_id` text PRIMARY KEY NOT NULL,
	`service_plan_id` text NOT NULL,
	`inbound_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `auto_replies_inbound_kind` ON `auto_replies` (`inbound_id`,`kind`);--> statement-breakpoint
CREATE INDEX `auto_replies_plan` ON `auto_replies` (`service_plan_id`);--> statement-breakpoint
ALTER TABLE `service_plans` ADD `simulate_except` text;--> statement-breakpoint
ALTER TABLE `service_plans` ADD `help_keywords` text;--> statement-breakpoint
ALTER TABLE `service_plans` ADD `opt_out_reply` text;--> statement-breakpoint
ALTER TABLE `service_plans` ADD `opt_in_reply` text;--> statement-breakpoint
ALTER TABLE `service_plans` ADD `help_reply` text;