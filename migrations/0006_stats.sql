CREATE TABLE `plan_stats` (
	`service_plan_id` text NOT NULL,
	`minute` integer NOT NULL,
	`metric` text NOT NULL,
	`code` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`service_plan_id`, `minute`, `metric`, `code`)
);
--> statement-breakpoint
ALTER TABLE `recipients` ADD `parts_sent` integer;