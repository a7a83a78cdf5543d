CREATE TABLE `plan_stat_hours` (
	`service_plan_id` text NOT NULL,
	`hour` integer NOT NULL,
	`counters` text NOT NULL,
	PRIMARY KEY(`service_plan_id`, `hour`)
);
