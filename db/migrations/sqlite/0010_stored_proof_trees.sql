CREATE TABLE `proof_tree_leaves` (
	`tree_id` integer NOT NULL,
	`position` integer NOT NULL,
	`account_id` text NOT NULL,
	`nonce` text NOT NULL,
	`balances` text NOT NULL,
	`leaf_hash` text NOT NULL,
	`coinex_hash` text NOT NULL,
	PRIMARY KEY(`tree_id`, `position`),
	FOREIGN KEY (`tree_id`) REFERENCES `proof_trees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proof_tree_leaves_account` ON `proof_tree_leaves` (`tree_id`,`account_id`);--> statement-breakpoint
CREATE TABLE `proof_tree_nodes` (
	`tree_id` integer NOT NULL,
	`level` integer NOT NULL,
	`idx` integer NOT NULL,
	`hash` text NOT NULL,
	`coinex_hash` text NOT NULL,
	`balances` text NOT NULL,
	PRIMARY KEY(`tree_id`, `level`, `idx`),
	FOREIGN KEY (`tree_id`) REFERENCES `proof_trees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `proof_trees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`root_hash` text,
	`leaf_count` integer NOT NULL,
	`block_level` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proof_trees_root_hash_unique` ON `proof_trees` (`root_hash`);