CREATE TABLE `callback_attempts` (
	`callback_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`at` integer NOT NULL,
	`url` text NOT NULL,
	`status` integer,
	`error` text,
	`latency_ms` integer NOT NULL,
	`response` text,
	`next_at` integer,
	PRIMARY KEY(`callback_id`, `attempt`)
);
--> statement-breakpoint
CREATE TABLE `callbacks` (
	`id` text PRIMARY KEY NOT NULL,
	`service_plan_id` text NOT NULL,
	`kind` text NOT NULL,
	`batch_id` text,
	`inbound_id` text,
	`recipient` text,
	`url` text NOT NULL,
	`body` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_at` integer,
	`created_at` integer NOT NULL,
	`last_attempt_at` integer,
	`last_status` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `callbacks_plan_due` ON `callbacks` (`service_plan_id`,`state`,`next_at`);--> statement-breakpoint
CREATE INDEX `callbacks_due` ON `callbacks` (`state`,`next_at`);--> statement-breakpoint
CREATE INDEX `callbacks_plan_created` ON `callbacks` (`service_plan_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `callbacks_created` ON `callbacks` (`created_at`);--> statement-breakpoint
CREATE INDEX `callbacks_batch` ON `callbacks` (`batch_id`);