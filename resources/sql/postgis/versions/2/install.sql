-- Version 2 of the quota pool schema (install/01..03 as released), kept to test the upgrade path (see upgrade/).
-- Village Planner quota pool, PostGIS edition: tables.
-- Latest version of the schema for a fresh install; older databases are brought here by upgrade/*.sql.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE SCHEMA IF NOT EXISTS vp_quota;

CREATE TABLE vp_quota.meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE vp_quota.pool (
    id integer PRIMARY KEY CHECK (id = 1),
    county_code text NOT NULL,
    control_total_units bigint NOT NULL,
    baseline_units bigint NOT NULL,
    policy_name text,
    policy_hash text,
    policy_json text,
    crs text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vp_quota.village (
    village_code text PRIMARY KEY,
    village_name text,
    town text,
    town_code text GENERATED ALWAYS AS (substr(village_code, 1, 9)) STORED,
    category text NOT NULL DEFAULT '',
    planned_units bigint NOT NULL DEFAULT 0,
    boundary bytea
);

CREATE TABLE vp_quota.protection (
    id serial PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('basic_farmland', 'eco_redline')),
    geometry bytea NOT NULL
);

CREATE TABLE vp_quota.journal (
    seq bigint PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('inflow', 'allocate', 'draw', 'return', 'transfer', 'expire', 'reverse')),
    units bigint NOT NULL CHECK (units > 0),
    date text, document_no text NOT NULL, author text NOT NULL, project text, note text,
    village text, to_village text, land_use_code text, flexible boolean NOT NULL DEFAULT false,
    reverses bigint, source text, purpose text, geometry bytea,
    prev_hash text NOT NULL, hash text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    recorded_by name NOT NULL DEFAULT current_user
);

CREATE TABLE vp_quota.balance (account text PRIMARY KEY, units bigint NOT NULL);

-- which towns a planner (a database role) may record draws and returns for
CREATE TABLE vp_quota.planner_town (role_name name NOT NULL, town_code text NOT NULL,
                                    PRIMARY KEY (role_name, town_code));
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
-- Village Planner quota pool, PostGIS edition: roles and grants.
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vp_viewer') THEN CREATE ROLE vp_viewer NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vp_planner') THEN CREATE ROLE vp_planner NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vp_admin') THEN CREATE ROLE vp_admin NOLOGIN; END IF;
END $$;
GRANT vp_viewer TO vp_planner;
GRANT vp_planner TO vp_admin;
GRANT USAGE ON SCHEMA vp_quota TO vp_viewer;
GRANT SELECT ON ALL TABLES IN SCHEMA vp_quota TO vp_viewer;
GRANT INSERT ON vp_quota.journal TO vp_planner;
GRANT INSERT, UPDATE ON vp_quota.pool, vp_quota.village, vp_quota.protection, vp_quota.planner_town TO vp_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA vp_quota TO vp_admin;
REVOKE UPDATE, DELETE, TRUNCATE ON vp_quota.journal FROM PUBLIC, vp_viewer, vp_planner, vp_admin;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON vp_quota.balance FROM PUBLIC, vp_viewer, vp_planner, vp_admin;
INSERT INTO vp_quota.meta VALUES ('schema_version', '2')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
