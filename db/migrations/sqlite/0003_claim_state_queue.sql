-- Every change of a claim's status queues the account for recounting its per-asset claim state
-- (acknowledged / disputed totals), whoever wrote the change.
CREATE TRIGGER claim_status_queue_insert AFTER INSERT ON claim_status
BEGIN
  INSERT OR IGNORE INTO claim_state_dirty (account_id) VALUES (NEW.account_id);
END;
--> statement-breakpoint
CREATE TRIGGER claim_status_queue_update AFTER UPDATE ON claim_status
BEGIN
  INSERT OR IGNORE INTO claim_state_dirty (account_id) VALUES (NEW.account_id);
END;
--> statement-breakpoint
CREATE TRIGGER claim_status_queue_delete AFTER DELETE ON claim_status
BEGIN
  INSERT OR IGNORE INTO claim_state_dirty (account_id) VALUES (OLD.account_id);
END;
--> statement-breakpoint
CREATE TRIGGER disputes_queue_insert AFTER INSERT ON disputes
BEGIN
  INSERT OR IGNORE INTO claim_state_dirty (account_id) VALUES (NEW.account_id);
END;
