CREATE TABLE `opt_outs` (
	`service_plan_id` text NOT NULL,
	`msisdn` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`service_plan_id`, `msisdn`)
);
--> statement-breakpoint
CREATE TABLE `upstream_batches` (
	`upstream_batch_id` text PRIMARY KEY NOT NULL,
	`service_plan_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`submission` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `upstream_batches_batch` ON `upstream_batches` (`batch_id`);--> statement-breakpoint
CREATE INDEX `upstream_batches_submission` ON `upstream_batches` (`submission`);--> statement-breakpoint
ALTER TABLE `inbounds` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `inbounds_plan_external` ON `inbounds` (`service_plan_id`,`external_id`);--> statement-breakpoint
ALTER TABLE `service_plans` ADD `opt_out_enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `service_plans` ADD `opt_out_keywords` text;--> statement-breakpoint
ALTER TABLE `service_plans` ADD `opt_in_keywords` text;--> statement-breakpoint
ALTER TABLE `service_plans` ADD `upstream` text DEFAULT 'simulator' NOT NULL;--> statement-breakpoint
ALTER TABLE `service_plans` ADD `sinch_base_url` text;--> statement-breakpoint
ALTER TABLE `service_plans` ADD `sinch_service_plan_id` text;--> statement-breakpoint
ALTER TABLE `service_plans` ADD `sinch_api_token_encrypted` text;--> statement-breakpoint
ALTER TABLE `service_plans` ADD `sinch_webhook_secret_encrypted` text;