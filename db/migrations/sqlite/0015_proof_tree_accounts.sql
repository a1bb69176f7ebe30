-- Each account's leaf position in a kept tree gets its own table, filled in account order after
-- the leaves: the unique (tree, account) index on the leaves was filled in tree order, which is
-- random against account ids, and at a million leaves that cost more than the rest of the
-- publication. Trees kept before this migration get their positions here, so every earlier
-- root still answers its proofs.
CREATE TABLE `proof_tree_accounts` (
	`tree_id` integer NOT NULL,
	`account_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`tree_id`, `account_id`),
	FOREIGN KEY (`tree_id`) REFERENCES `proof_trees`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `proof_tree_accounts` (`tree_id`, `account_id`, `position`)
	SELECT `tree_id`, `account_id`, `position` FROM `proof_tree_leaves` ORDER BY `tree_id`, `account_id`;
--> statement-breakpoint
DROP INDEX `proof_tree_leaves_account`;
