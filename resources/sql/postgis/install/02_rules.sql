-- Village Planner quota pool, PostGIS edition: rules the database enforces itself.

-- the journal is append-only, for everybody
CREATE FUNCTION vp_quota.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'journal entries are never changed or deleted: record a reversal';
END $$;
CREATE TRIGGER journal_no_update BEFORE UPDATE OR DELETE ON vp_quota.journal
    FOR EACH ROW EXECUTE FUNCTION vp_quota.refuse_change();

-- who may record what: planners draw and return for their towns; administrators do the rest
CREATE FUNCTION vp_quota.check_author() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = vp_quota, pg_catalog AS $$
BEGIN
    IF pg_has_role(session_user, 'vp_admin', 'MEMBER') THEN
        RETURN NEW;
    END IF;
    IF NEW.kind IN ('draw', 'return') AND pg_has_role(session_user, 'vp_planner', 'MEMBER') THEN
        IF EXISTS (SELECT 1 FROM vp_quota.planner_town p JOIN vp_quota.village v ON v.town_code = p.town_code
                   WHERE p.role_name = session_user AND v.village_code = NEW.village) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'role % may not record for village % (not one of its towns)', session_user, NEW.village
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'role % may not record % movements', session_user, NEW.kind
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER journal_author BEFORE INSERT ON vp_quota.journal
    FOR EACH ROW EXECUTE FUNCTION vp_quota.check_author();

-- the chain: each entry follows the last one
CREATE FUNCTION vp_quota.check_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = vp_quota, pg_catalog AS $$
DECLARE
    last_seq bigint;
    last_hash text;
BEGIN
    SELECT seq, hash INTO last_seq, last_hash FROM vp_quota.journal ORDER BY seq DESC LIMIT 1;
    IF NEW.seq <> coalesce(last_seq, 0) + 1 OR NEW.prev_hash <> coalesce(last_hash, repeat('0', 64)) THEN
        RAISE EXCEPTION 'entry % does not follow entry % of the journal', NEW.seq, coalesce(last_seq, 0);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER journal_chain BEFORE INSERT ON vp_quota.journal
    FOR EACH ROW EXECUTE FUNCTION vp_quota.check_chain();

-- the accounts an entry moves (sign -1 for a reversal)
CREATE FUNCTION vp_quota.entry_deltas(j vp_quota.journal, sign integer)
    RETURNS TABLE (account text, delta bigint) LANGUAGE plpgsql STABLE
    SET search_path = vp_quota, pg_catalog AS $$
DECLARE
    u bigint := j.units * sign;
    reduces boolean;
BEGIN
    IF j.kind = 'inflow' THEN
        account := 'POOL'; delta := u; RETURN NEXT;
        SELECT coalesce((policy_json::jsonb -> 'inflow_sources' -> j.source ->> 'reduces_construction_land')::boolean,
                        false) INTO reduces FROM vp_quota.pool;
        IF reduces THEN account := 'meta:reclaimed'; delta := u; RETURN NEXT; END IF;
    ELSIF j.kind = 'allocate' THEN
        account := 'POOL'; delta := -u; RETURN NEXT;
        account := j.village; delta := u; RETURN NEXT;
    ELSIF j.kind = 'draw' THEN
        account := j.village; delta := -u; RETURN NEXT;
        account := 'drawn:' || j.village; delta := u; RETURN NEXT;
        IF j.flexible THEN account := 'flexible:' || j.village; delta := u; RETURN NEXT; END IF;
    ELSIF j.kind IN ('return', 'expire') THEN
        account := j.village; delta := -u; RETURN NEXT;
        account := 'POOL'; delta := u; RETURN NEXT;
    ELSIF j.kind = 'transfer' THEN
        account := j.village; delta := -u; RETURN NEXT;
        account := j.to_village; delta := u; RETURN NEXT;
    END IF;
END $$;

-- one posting: the updated balance (not the delta) must satisfy balance_not_negative
CREATE FUNCTION vp_quota.post(acc text, d bigint) RETURNS void LANGUAGE plpgsql
    SET search_path = vp_quota, pg_catalog AS $$
BEGIN
    UPDATE vp_quota.balance SET units = units + d WHERE account = acc;
    IF NOT FOUND THEN
        INSERT INTO vp_quota.balance VALUES (acc, d);
    END IF;
END $$;

-- balances follow the journal; nobody writes them directly, and none goes below zero
CREATE FUNCTION vp_quota.post_balance() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = vp_quota, pg_catalog AS $$
DECLARE
    r record;
    original vp_quota.journal;
BEGIN
    IF NEW.kind = 'reverse' THEN
        SELECT * INTO original FROM vp_quota.journal WHERE seq = NEW.reverses;
        IF NOT FOUND OR original.kind = 'reverse' THEN
            RAISE EXCEPTION 'entry % cannot be reversed', NEW.reverses;
        END IF;
        FOR r IN SELECT * FROM vp_quota.entry_deltas(original, -1) LOOP
            PERFORM vp_quota.post(r.account, r.delta);
        END LOOP;
    ELSE
        FOR r IN SELECT * FROM vp_quota.entry_deltas(NEW, 1) LOOP
            PERFORM vp_quota.post(r.account, r.delta);
        END LOOP;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER journal_balance AFTER INSERT ON vp_quota.journal
    FOR EACH ROW EXECUTE FUNCTION vp_quota.post_balance();
ALTER TABLE vp_quota.balance ADD CONSTRAINT balance_not_negative CHECK (units >= 0);
