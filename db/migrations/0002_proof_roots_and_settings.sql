CREATE TABLE `proof_roots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tx_seq` integer NOT NULL,
	`root_hash` text NOT NULL,
	`totals` text NOT NULL,
	`claim_set_version` text NOT NULL,
	`leaf_count` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
