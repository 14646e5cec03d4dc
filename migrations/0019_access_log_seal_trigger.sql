-- docs/decisions/0033: rows are appended unsealed and sealed later. The append-only trigger now lets
-- through exactly one kind of UPDATE: filling the seal columns (seq, previous_hash, hash, sealed_at)
-- of a row that has none yet, every other column unchanged. A sealed row never changes again;
-- DELETE and TRUNCATE stay refused.
CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.seq IS NULL AND OLD.previous_hash IS NULL
     AND NEW.hash IS NOT NULL AND NEW.seq IS NOT NULL AND NEW.previous_hash IS NOT NULL
     AND NEW.sealed_at IS NOT NULL
     AND to_jsonb(NEW) - 'seq' - 'previous_hash' - 'hash' - 'sealed_at'
         = to_jsonb(OLD) - 'seq' - 'previous_hash' - 'hash' - 'sealed_at' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'access_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- The sealer's chain head only moves forward.
CREATE FUNCTION access_log_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.swv_id = OLD.swv_id AND NEW.seq >= OLD.seq
     AND (NEW.seq > OLD.seq OR NEW.hash = OLD.hash) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'access_log_head only moves forward: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER access_log_head_forward BEFORE UPDATE OR DELETE ON access_log_head
  FOR EACH ROW EXECUTE FUNCTION access_log_head_forward_only();
--> statement-breakpoint
CREATE TRIGGER access_log_head_no_truncate BEFORE TRUNCATE ON access_log_head
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_head_forward_only();
