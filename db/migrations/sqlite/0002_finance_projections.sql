CREATE TABLE `claim_state_dirty` (
	`account_id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `claim_state_lines` (
	`account_id` text NOT NULL,
	`asset` text NOT NULL,
	`status` text NOT NULL,
	`live` integer NOT NULL,
	`units` text NOT NULL,
	PRIMARY KEY(`account_id`, `asset`)
);
--> statement-breakpoint
CREATE INDEX `claim_state_lines_state` ON `claim_state_lines` (`status`,`live`,`asset`,`account_id`);--> statement-breakpoint
CREATE TABLE `claim_state_totals` (
	`asset` text NOT NULL,
	`status` text NOT NULL,
	`live` integer NOT NULL,
	`lines` integer NOT NULL,
	`units` text NOT NULL,
	PRIMARY KEY(`asset`, `status`, `live`)
);
--> statement-breakpoint
CREATE TABLE `payout_batch_totals` (
	`batch_id` integer NOT NULL,
	`asset` text NOT NULL,
	`lines` integer NOT NULL,
	`units` text NOT NULL,
	PRIMARY KEY(`batch_id`, `asset`),
	FOREIGN KEY (`batch_id`) REFERENCES `payout_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reconciliation_cache` (
	`name` text PRIMARY KEY NOT NULL,
	`as_of_seq` integer NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `verification_details` (
	`run_id` integer PRIMARY KEY NOT NULL,
	`checks` text NOT NULL,
	`last_seq` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `verification_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `payout_batches` ADD `request_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `payout_batches_request` ON `payout_batches` (`request_id`);--> statement-breakpoint
CREATE INDEX `audit_events_actor` ON `audit_events` (`actor_email`);--> statement-breakpoint
CREATE INDEX `audit_events_subject` ON `audit_events` (`subject`);--> statement-breakpoint
CREATE INDEX `ledger_transactions_kind` ON `ledger_transactions` (`kind`,`seq`);--> statement-breakpoint
CREATE INDEX `payout_items_account` ON `payout_items` (`account_id`,`batch_id`);--> statement-breakpoint
CREATE INDEX `users_role` ON `users` (`role`,`id`);