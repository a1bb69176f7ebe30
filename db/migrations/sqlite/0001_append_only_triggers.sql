-- Facts are never rewritten: corrections are new rows. recursive_triggers=ON makes the DELETE
-- trigger fire for INSERT OR REPLACE too.
CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
BEGIN
  SELECT RAISE(ABORT, 'snapshots is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots
BEGIN
  SELECT RAISE(ABORT, 'snapshots is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER assets_no_update BEFORE UPDATE ON assets
BEGIN
  SELECT RAISE(ABORT, 'assets is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER assets_no_delete BEFORE DELETE ON assets
BEGIN
  SELECT RAISE(ABORT, 'assets is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER accounts_no_update BEFORE UPDATE ON accounts
BEGIN
  SELECT RAISE(ABORT, 'accounts is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
BEGIN
  SELECT RAISE(ABORT, 'accounts is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER snapshot_lines_no_update BEFORE UPDATE ON snapshot_lines
BEGIN
  SELECT RAISE(ABORT, 'snapshot_lines is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER snapshot_lines_no_delete BEFORE DELETE ON snapshot_lines
BEGIN
  SELECT RAISE(ABORT, 'snapshot_lines is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE ON ledger_transactions
BEGIN
  SELECT RAISE(ABORT, 'ledger_transactions is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_delete BEFORE DELETE ON ledger_transactions
BEGIN
  SELECT RAISE(ABORT, 'ledger_transactions is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings
BEGIN
  SELECT RAISE(ABORT, 'ledger_postings is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings
BEGIN
  SELECT RAISE(ABORT, 'ledger_postings is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused');
END;
