CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`requested_by_user_id` integer,
	`requested_by` text NOT NULL,
	`started_at` text NOT NULL,
	`host` text NOT NULL,
	`pid` integer,
	`heartbeat_at` text NOT NULL,
	`done` integer NOT NULL,
	`total` integer NOT NULL,
	`finished_at` text,
	`duration_ms` integer,
	`ok` integer,
	`message` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_one_running` ON `jobs` (`kind`) WHERE status = 'running';--> statement-breakpoint
CREATE INDEX `jobs_kind` ON `jobs` (`kind`,`id`);