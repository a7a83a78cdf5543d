CREATE TABLE `webhook_nonces` (
	`service_plan_id` text NOT NULL,
	`nonce` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`service_plan_id`, `nonce`)
);
--> statement-breakpoint
CREATE INDEX `webhook_nonces_plan_seen` ON `webhook_nonces` (`service_plan_id`,`seen_at`);--> statement-breakpoint
ALTER TABLE `inbounds` ADD `claimed_at` integer;