CREATE TABLE `adjustment_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dispute_id` integer NOT NULL,
	`account_id` text NOT NULL,
	`lines` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`proposed_by` integer NOT NULL,
	`proposer_email` text NOT NULL,
	`proposed_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`decision_reason` text,
	`tx_seq` integer,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `adjustment_proposals_one_pending` ON `adjustment_proposals` (`dispute_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `users_one_claimant_per_account` ON `users` (`account_id`) WHERE role = 'claimant' AND account_id IS NOT NULL;