CREATE TABLE `simulator_messages` (
	`batch_id` text NOT NULL,
	`recipient` text NOT NULL,
	`service_plan_id` text NOT NULL,
	`from` text NOT NULL,
	`body` text NOT NULL,
	`udh` text,
	`encoding` text NOT NULL,
	`parts` integer NOT NULL,
	`flash` integer NOT NULL,
	`status` text NOT NULL,
	`code` integer NOT NULL,
	`received_at` integer NOT NULL,
	`submissions` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`batch_id`, `recipient`)
);
--> statement-breakpoint
CREATE INDEX `simulator_messages_plan_to` ON `simulator_messages` (`service_plan_id`,`recipient`,`received_at`);--> statement-breakpoint
ALTER TABLE `batches` ADD `completed_at` integer;--> statement-breakpoint
CREATE INDEX `batches_open_send_at` ON `batches` (`completed_at`,`send_at`);