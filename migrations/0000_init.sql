CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`service_plan_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`service_plan_id`) REFERENCES `service_plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `api_tokens_plan` ON `api_tokens` (`service_plan_id`);--> statement-breakpoint
CREATE TABLE `batches` (
	`id` text PRIMARY KEY NOT NULL,
	`service_plan_id` text NOT NULL,
	`type` text NOT NULL,
	`to` text NOT NULL,
	`from` text NOT NULL,
	`body` text NOT NULL,
	`udh` text,
	`parameters` text,
	`delivery_report` text NOT NULL,
	`send_at` integer NOT NULL,
	`expire_at` integer NOT NULL,
	`callback_url` text,
	`client_reference` text,
	`feedback_enabled` integer NOT NULL,
	`flash_message` integer NOT NULL,
	`max_number_of_message_parts` integer,
	`truncate_concat` integer,
	`from_ton` integer,
	`from_npi` integer,
	`canceled` integer DEFAULT false NOT NULL,
	`dispatch_started_at` integer,
	`created_at` integer NOT NULL,
	`modified_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `batches_plan_created` ON `batches` (`service_plan_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `batches_plan_reference` ON `batches` (`service_plan_id`,`client_reference`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` text NOT NULL,
	`msisdn` text NOT NULL,
	PRIMARY KEY(`group_id`, `msisdn`)
);
--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`service_plan_id` text NOT NULL,
	`name` text,
	`child_groups` text DEFAULT '[]' NOT NULL,
	`auto_update` text,
	`auto_update_to` text,
	`created_at` integer NOT NULL,
	`modified_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `groups_plan_created` ON `groups` (`service_plan_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `groups_plan_auto_update_to` ON `groups` (`service_plan_id`,`auto_update_to`);--> statement-breakpoint
CREATE TABLE `inbounds` (
	`id` text PRIMARY KEY NOT NULL,
	`service_plan_id` text NOT NULL,
	`type` text NOT NULL,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`body` text NOT NULL,
	`udh` text,
	`received_at` integer NOT NULL,
	`sent_at` integer,
	`operator_id` text,
	`client_reference` text
);
--> statement-breakpoint
CREATE INDEX `inbounds_plan_received` ON `inbounds` (`service_plan_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `inbounds_plan_to` ON `inbounds` (`service_plan_id`,`to`,`received_at`);--> statement-breakpoint
CREATE TABLE `recipients` (
	`batch_id` text NOT NULL,
	`recipient` text NOT NULL,
	`service_plan_id` text NOT NULL,
	`status` text NOT NULL,
	`code` integer NOT NULL,
	`at` integer NOT NULL,
	`operator_status_at` integer,
	`encoding` text,
	`number_of_message_parts` integer,
	`feedback_at` integer,
	PRIMARY KEY(`batch_id`, `recipient`)
);
--> statement-breakpoint
CREATE INDEX `recipients_plan_at` ON `recipients` (`service_plan_id`,`at`);--> statement-breakpoint
CREATE INDEX `recipients_batch_status` ON `recipients` (`batch_id`,`status`,`code`);--> statement-breakpoint
CREATE TABLE `service_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text,
	`rate_limit` integer NOT NULL,
	`default_originator` text,
	`callback_url` text,
	`webhook_secret` text NOT NULL,
	`auto_encoding` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`modified_at` integer NOT NULL
);
