CREATE TABLE `staff_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`target_user_id` integer,
	`email` text NOT NULL,
	`role` text,
	`password_hash` text,
	`status` text NOT NULL,
	`requested_by` integer NOT NULL,
	`requested_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	FOREIGN KEY (`target_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_requests_four_eyes" CHECK(decided_by IS NULL OR decided_by <> requested_by)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_requests_one_pending` ON `staff_requests` (`email`) WHERE status = 'pending';--> statement-breakpoint
-- A payout line decides who is paid what: it is never rewritten, only ended (live 1 to 0) when
-- its batch is executed or cancelled, and never deleted.
CREATE TRIGGER payout_items_only_end BEFORE UPDATE ON payout_items
WHEN NEW.batch_id IS NOT OLD.batch_id OR NEW.account_id IS NOT OLD.account_id
  OR NEW.asset IS NOT OLD.asset OR NEW.amount_units IS NOT OLD.amount_units
  OR NOT (OLD.live = 1 AND NEW.live = 0)
BEGIN
  SELECT RAISE(ABORT, 'payout_items is append-only: a line is only ever ended (live 1 to 0)');
END;
--> statement-breakpoint
CREATE TRIGGER payout_items_no_delete BEFORE DELETE ON payout_items
BEGIN
  SELECT RAISE(ABORT, 'payout_items is append-only: DELETE refused');
END;
--> statement-breakpoint
-- A staff request is decided once; what was requested never changes.
CREATE TRIGGER staff_requests_decided_once BEFORE UPDATE ON staff_requests
WHEN OLD.status <> 'pending' OR NEW.kind IS NOT OLD.kind
  OR NEW.target_user_id IS NOT OLD.target_user_id OR NEW.email IS NOT OLD.email
  OR NEW.role IS NOT OLD.role OR NEW.password_hash IS NOT OLD.password_hash
  OR NEW.requested_by IS NOT OLD.requested_by OR NEW.requested_at IS NOT OLD.requested_at
BEGIN
  SELECT RAISE(ABORT, 'staff_requests is append-only: a request is decided once and never rewritten');
END;
--> statement-breakpoint
CREATE TRIGGER staff_requests_no_delete BEFORE DELETE ON staff_requests
BEGIN
  SELECT RAISE(ABORT, 'staff_requests is append-only: DELETE refused');
END;
