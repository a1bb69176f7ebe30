-- Two accounts whose emails differ only in case would both match one claimant's address: the
-- import refuses them, and the database now does too, whatever writes the row. SQLite's lower()
-- folds ASCII only, which is all an account's email may hold.
DROP INDEX `accounts_email_lower`;--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_email_lower` ON `accounts` (lower(`email`));
