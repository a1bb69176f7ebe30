-- Facts are never rewritten: corrections are new rows. Row triggers refuse UPDATE and DELETE (an
-- INSERT … ON CONFLICT DO UPDATE is an UPDATE); a statement trigger refuses TRUNCATE, which row
-- triggers do not see. db/triggers.ts lists every trigger by name; verify reports one missing or
-- disabled.
CREATE FUNCTION makewhole_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER snapshots_no_truncate BEFORE TRUNCATE ON snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER assets_no_update BEFORE UPDATE ON assets
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER assets_no_delete BEFORE DELETE ON assets
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER assets_no_truncate BEFORE TRUNCATE ON assets
  FOR EACH STATEMENT EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER accounts_no_update BEFORE UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON accounts
  FOR EACH STATEMENT EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER snapshot_lines_no_update BEFORE UPDATE ON snapshot_lines
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER snapshot_lines_no_delete BEFORE DELETE ON snapshot_lines
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER snapshot_lines_no_truncate BEFORE TRUNCATE ON snapshot_lines
  FOR EACH STATEMENT EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_delete BEFORE DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON ledger_postings
  FOR EACH STATEMENT EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
-- A payout line decides who is paid what: it is never rewritten, only ended (live 1 to 0) when
-- its batch is executed or cancelled, and never deleted.
CREATE FUNCTION payout_items_only_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.batch_id IS DISTINCT FROM OLD.batch_id OR NEW.account_id IS DISTINCT FROM OLD.account_id
    OR NEW.asset IS DISTINCT FROM OLD.asset OR NEW.amount_units IS DISTINCT FROM OLD.amount_units
    OR NOT (OLD.live = 1 AND NEW.live = 0) THEN
    RAISE EXCEPTION 'payout_items is append-only: a line is only ever ended (live 1 to 0)'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payout_items_only_end BEFORE UPDATE ON payout_items
  FOR EACH ROW EXECUTE FUNCTION payout_items_only_end();
--> statement-breakpoint
CREATE TRIGGER payout_items_no_delete BEFORE DELETE ON payout_items
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER payout_items_no_truncate BEFORE TRUNCATE ON payout_items
  FOR EACH STATEMENT EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
-- A staff request is decided once; what was requested never changes.
CREATE FUNCTION staff_requests_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'pending' OR NEW.kind IS DISTINCT FROM OLD.kind
    OR NEW.target_user_id IS DISTINCT FROM OLD.target_user_id OR NEW.email IS DISTINCT FROM OLD.email
    OR NEW.role IS DISTINCT FROM OLD.role OR NEW.password_hash IS DISTINCT FROM OLD.password_hash
    OR NEW.requested_by IS DISTINCT FROM OLD.requested_by
    OR NEW.requested_at IS DISTINCT FROM OLD.requested_at THEN
    RAISE EXCEPTION 'staff_requests is append-only: a request is decided once and never rewritten'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER staff_requests_decided_once BEFORE UPDATE ON staff_requests
  FOR EACH ROW EXECUTE FUNCTION staff_requests_decided_once();
--> statement-breakpoint
CREATE TRIGGER staff_requests_no_delete BEFORE DELETE ON staff_requests
  FOR EACH ROW EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
CREATE TRIGGER staff_requests_no_truncate BEFORE TRUNCATE ON staff_requests
  FOR EACH STATEMENT EXECUTE FUNCTION makewhole_refuse_change();
--> statement-breakpoint
-- Every change of a claim's status queues the account for recounting its per-asset claim state
-- (acknowledged / disputed totals), whoever wrote the change.
CREATE FUNCTION claim_state_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO claim_state_dirty (account_id)
    VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.account_id ELSE NEW.account_id END)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER claim_status_queue_insert AFTER INSERT ON claim_status
  FOR EACH ROW EXECUTE FUNCTION claim_state_queue();
--> statement-breakpoint
CREATE TRIGGER claim_status_queue_update AFTER UPDATE ON claim_status
  FOR EACH ROW EXECUTE FUNCTION claim_state_queue();
--> statement-breakpoint
CREATE TRIGGER claim_status_queue_delete AFTER DELETE ON claim_status
  FOR EACH ROW EXECUTE FUNCTION claim_state_queue();
--> statement-breakpoint
CREATE TRIGGER disputes_queue_insert AFTER INSERT ON disputes
  FOR EACH ROW EXECUTE FUNCTION claim_state_queue();
--> statement-breakpoint
-- Claimants type their address in any case and identity providers lower-case it: one account per
-- address whatever its case. The database's ctype is C (db/postgres.ts checks), so lower() folds
-- ASCII only, as SQLite's does, which is all an account's email may hold.
CREATE UNIQUE INDEX accounts_email_lower ON accounts (lower(email));
