CREATE TABLE `simulator_refusals` (
	`service_plan_id` text NOT NULL,
	`rule` integer NOT NULL,
	`refused` integer NOT NULL,
	PRIMARY KEY(`service_plan_id`, `rule`)
);
--> statement-breakpoint
CREATE TABLE `simulator_rules` (
	`service_plan_id` text PRIMARY KEY NOT NULL,
	`rules` text NOT NULL,
	`seed` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `service_plans` ADD `clock_offset_ms` integer DEFAULT 0 NOT NULL;