-- Village Planner quota pool, PostGIS edition: the schema of version 3 as it was installed (01_schema.sql to 04_write_path.sql),
-- kept so that the upgrade from version 3 is tested against a real version-3 database.
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
    created_at timestamptz NOT NULL DEFAULT now(),
    settings_hash text
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
    recorded_by name NOT NULL DEFAULT current_user,
    settings_hash text
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

-- Village Planner quota pool, PostGIS edition (version 3): the server owns the write path.
-- Planners and administrators record movements only through vp_quota.record_movement (SECURITY DEFINER): it
-- checks every rule of the pool, takes the recorder from session_user and the time from the server clock, and
-- seals the entry (hash chain over the entry and the pool's settings). The journal, the pool settings and the
-- village accounts are written directly by the owner only. The payload and the settings digest are built as
-- village_planner/core/quota.py builds them (Entry.payload, settings_digest): keep them in step.

CREATE FUNCTION vp_quota.sha_hex(b bytea) RETURNS text LANGUAGE sql IMMUTABLE
    SET search_path = vp_quota, pg_catalog AS $$
    SELECT CASE WHEN b IS NULL OR length(b) = 0 THEN '' ELSE encode(sha256(b), 'hex') END
$$;

-- a text as a JSON string (NULL as ''), as Python's json.dumps(ensure_ascii=False) writes it
CREATE FUNCTION vp_quota.js(t text) RETURNS text LANGUAGE sql IMMUTABLE
    SET search_path = vp_quota, pg_catalog AS $$
    SELECT to_json(coalesce(t, ''))::text
$$;

-- what the pool is: control total, baseline, policy, village accounts, protection zones
CREATE FUNCTION vp_quota.settings_digest() RETURNS text LANGUAGE sql STABLE
    SET search_path = vp_quota, pg_catalog AS $$
    SELECT encode(sha256(convert_to(
        '[' || js(p.county_code) || ',' || p.control_total_units || ',' || p.baseline_units || ',' || js(p.crs)
        || ',' || js(sha_hex(convert_to(coalesce(p.policy_json, ''), 'UTF8')))
        || ',[' || coalesce((SELECT string_agg('[' || js(v.village_code) || ',' || js(v.village_name) || ','
                                              || js(v.town) || ',' || js(v.category) || ',' || v.planned_units
                                              || ',' || js(sha_hex(v.boundary)) || ']', ','
                                              ORDER BY v.village_code COLLATE "C")
                             FROM vp_quota.village v), '')
        || '],[' || coalesce((SELECT string_agg('[' || js(x.kind) || ',' || js(x.sha) || ']', ','
                                               ORDER BY x.kind COLLATE "C", x.sha COLLATE "C")
                              FROM (SELECT kind, sha_hex(geometry) AS sha FROM vp_quota.protection) x), '')
        || ']]', 'UTF8')), 'hex')
    FROM vp_quota.pool p
$$;

-- the text an entry's hash covers (format 1 without settings, format 2 with them)
CREATE FUNCTION vp_quota.entry_payload(j vp_quota.journal) RETURNS text LANGUAGE sql IMMUTABLE
    SET search_path = vp_quota, pg_catalog AS $$
    SELECT '[' || CASE WHEN coalesce(j.settings_hash, '') = '' THEN '1' ELSE '2' END || ',' || j.seq || ','
        || js(j.kind) || ',' || j.units || ',' || js(j.date) || ',' || js(j.document_no) || ',' || js(j.author)
        || ',' || js(j.project) || ',' || js(j.note) || ',' || js(j.village) || ',' || js(j.to_village) || ','
        || js(j.land_use_code) || ',' || CASE WHEN j.flexible THEN 'true' ELSE 'false' END || ','
        || coalesce(j.reverses, 0) || ',' || js(j.source) || ',' || js(j.purpose) || ','
        || js(encode(sha256(coalesce(j.geometry, ''::bytea)), 'hex'))
        || CASE WHEN coalesce(j.settings_hash, '') = '' THEN '' ELSE ',' || js(j.settings_hash) END || ']'
$$;

CREATE FUNCTION vp_quota.hash_of(j vp_quota.journal) RETURNS text LANGUAGE sql IMMUTABLE
    SET search_path = vp_quota, pg_catalog AS $$
    SELECT encode(sha256(convert_to(j.prev_hash || entry_payload(j), 'UTF8')), 'hex')
$$;

-- a refusal: the rule goes into the hint, where the plugin finds it
CREATE FUNCTION vp_quota.refuse(rule text, message text) RETURNS void LANGUAGE plpgsql
    SET search_path = vp_quota, pg_catalog AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = message, HINT = 'rule=' || rule, ERRCODE = 'check_violation';
END $$;

-- every entry follows the last one, is sealed with the pool's settings, and its hash is right; the server says
-- who recorded it and when, whoever inserts it
CREATE OR REPLACE FUNCTION vp_quota.check_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = vp_quota, pg_catalog AS $$
DECLARE
    last_seq bigint;
    last_hash text;
BEGIN
    SELECT seq, hash INTO last_seq, last_hash FROM vp_quota.journal ORDER BY seq DESC LIMIT 1;
    IF NEW.seq <> coalesce(last_seq, 0) + 1 OR NEW.prev_hash <> coalesce(last_hash, repeat('0', 64)) THEN
        RAISE EXCEPTION 'entry % does not follow entry % of the journal', NEW.seq, coalesce(last_seq, 0);
    END IF;
    IF NEW.settings_hash IS DISTINCT FROM (SELECT coalesce(p.settings_hash, vp_quota.settings_digest())
                                           FROM vp_quota.pool p) THEN
        RAISE EXCEPTION 'entry % is not sealed with the settings of the pool', NEW.seq;
    END IF;
    IF NEW.hash IS DISTINCT FROM vp_quota.hash_of(NEW) THEN
        RAISE EXCEPTION 'entry % has a wrong hash', NEW.seq;
    END IF;
    NEW.recorded_by := session_user;
    NEW.recorded_at := now();
    RETURN NEW;
END $$;

-- the one way to record a movement
CREATE FUNCTION vp_quota.record_movement(
    p_kind text, p_units bigint, p_date text, p_document_no text, p_author text, p_project text, p_note text,
    p_village text, p_to_village text, p_land_use_code text, p_flexible boolean, p_reverses bigint,
    p_source text, p_purpose text, p_geometry bytea)
    RETURNS TABLE (out_seq bigint, out_prev_hash text, out_hash text, out_settings text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vp_quota, pg_catalog, public AS $$
DECLARE
    pool_row vp_quota.pool;
    policy jsonb;
    j vp_quota.journal;
    original vp_quota.journal;
    day date;
    target text;
    category text;
    rule jsonb;
    g geometry;
    m2 double precision;
    zone text;
    limit_units bigint;
    used bigint;
    before_units bigint;
    after_units bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(7106116);
    SELECT * INTO pool_row FROM vp_quota.pool;
    IF NOT FOUND THEN
        PERFORM refuse('pool', 'this database holds no quota pool');
    END IF;
    policy := coalesce(pool_row.policy_json, '{}')::jsonb;
    IF p_kind IS NULL OR p_kind NOT IN ('inflow', 'allocate', 'draw', 'return', 'transfer', 'expire', 'reverse') THEN
        PERFORM refuse('kind', format('unknown movement %s', p_kind));
    END IF;
    IF p_units IS NULL OR p_units <= 0 THEN
        PERFORM refuse('area', 'the area must be more than 0 ha');
    END IF;
    IF p_units > pool_row.control_total_units THEN
        PERFORM refuse('area', format('an area of %s units is more than the control total', p_units));
    END IF;
    BEGIN
        IF p_date IS NULL OR p_date !~ '^\d{4}-\d{2}-\d{2}$' THEN
            RAISE EXCEPTION 'bad date';
        END IF;
        day := p_date::date;
    EXCEPTION WHEN others THEN
        PERFORM refuse('date', format('the date %L is not a real date in the form YYYY-MM-DD', p_date));
    END;
    IF extract(year FROM day) < 1949 OR extract(year FROM day) > extract(year FROM now()) + 5 THEN
        PERFORM refuse('date', format('the date %s is out of range', p_date));
    END IF;
    IF coalesce(btrim(p_document_no), '') = '' THEN
        PERFORM refuse('document', 'every movement needs its approval document number');
    END IF;
    IF coalesce(btrim(p_author), '') = '' THEN
        PERFORM refuse('author', 'every movement needs its author');
    END IF;

    j.kind := p_kind; j.units := p_units; j.date := p_date; j.document_no := p_document_no; j.author := p_author;
    j.project := coalesce(p_project, ''); j.note := coalesce(p_note, ''); j.village := coalesce(p_village, '');
    j.to_village := coalesce(p_to_village, ''); j.land_use_code := coalesce(p_land_use_code, '');
    j.flexible := coalesce(p_flexible, false); j.reverses := nullif(p_reverses, 0);
    j.source := coalesce(p_source, ''); j.purpose := coalesce(p_purpose, '');
    j.geometry := nullif(p_geometry, ''::bytea);

    IF p_kind = 'reverse' THEN
        SELECT * INTO original FROM vp_quota.journal WHERE seq = p_reverses;
        IF NOT FOUND THEN
            PERFORM refuse('reverse', format('entry %s to reverse does not exist', p_reverses));
        END IF;
        IF original.kind = 'reverse' THEN
            PERFORM refuse('reverse', 'a reversal cannot itself be reversed');
        END IF;
        IF EXISTS (SELECT 1 FROM vp_quota.journal WHERE kind = 'reverse' AND reverses = p_reverses) THEN
            PERFORM refuse('reverse', format('entry %s is already reversed', p_reverses));
        END IF;
        IF original.units <> p_units THEN
            PERFORM refuse('reverse', format('a reversal cancels the whole entry %s', p_reverses));
        END IF;
        IF j.village = '' THEN
            j.village := coalesce(original.village, ''); j.to_village := coalesce(original.to_village, '');
        END IF;
    END IF;
    IF p_kind IN ('allocate', 'draw', 'return', 'transfer', 'expire')
       AND NOT EXISTS (SELECT 1 FROM vp_quota.village WHERE village_code = j.village) THEN
        PERFORM refuse('village', format('village %s has no account in this pool', j.village));
    END IF;
    IF p_kind = 'transfer' THEN
        IF NOT EXISTS (SELECT 1 FROM vp_quota.village WHERE village_code = j.to_village) THEN
            PERFORM refuse('village', format('village %s has no account in this pool', j.to_village));
        END IF;
        IF j.village = j.to_village THEN
            PERFORM refuse('village', 'a transfer needs two different villages');
        END IF;
    END IF;
    IF p_kind = 'inflow' AND NOT coalesce(policy -> 'inflow_sources' ? j.source, false) THEN
        PERFORM refuse('source', format('unknown inflow source %L', j.source));
    END IF;
    -- allocation by village category
    IF p_kind IN ('allocate', 'transfer') THEN
        target := CASE WHEN p_kind = 'allocate' THEN j.village ELSE j.to_village END;
        SELECT v.category INTO category FROM vp_quota.village v WHERE v.village_code = target;
        IF coalesce(category, '') = '' THEN
            rule := coalesce(policy -> 'uncategorised_villages', '{"allowed": true}'::jsonb);
        ELSE
            rule := coalesce(policy -> 'allocation_by_category' -> category, '{"allowed": false}'::jsonb);
        END IF;
        IF NOT coalesce((rule ->> 'allowed')::boolean, false) THEN
            PERFORM refuse('category', format('village %s (%s) may not receive quota', target, category));
        END IF;
        IF jsonb_typeof(rule -> 'purposes') = 'array' AND jsonb_array_length(rule -> 'purposes') > 0
           AND NOT (rule -> 'purposes') ? j.purpose THEN
            PERFORM refuse('category', format('village %s (%s) may receive quota only for %s', target, category,
                                              rule -> 'purposes'));
        END IF;
    END IF;
    IF p_kind = 'draw' THEN
        -- permanent basic farmland and the ecological red line
        IF j.geometry IS NOT NULL THEN
            BEGIN
                g := ST_MakeValid(ST_GeomFromWKB(j.geometry));
            EXCEPTION WHEN others THEN
                PERFORM refuse('geometry', 'the draw parcel is not a valid geometry');
            END;
            FOREACH zone IN ARRAY ARRAY['basic_farmland', 'eco_redline'] LOOP
                SELECT coalesce(sum(ST_Area(ST_Intersection(g, ST_MakeValid(ST_GeomFromWKB(p.geometry))))), 0)
                    INTO m2 FROM vp_quota.protection p
                    WHERE p.kind = zone AND ST_Intersects(g, ST_GeomFromWKB(p.geometry));
                IF m2 > 0.01 THEN
                    PERFORM refuse(zone, format('the draw overlaps %s by %s m2', zone, round(m2::numeric, 2)));
                END IF;
            END LOOP;
        END IF;
        -- the flexible reserve
        IF j.flexible THEN
            SELECT floor(v.planned_units * coalesce((policy ->> 'flexible_reserve_ratio')::double precision, 0.05))
                INTO limit_units FROM vp_quota.village v WHERE v.village_code = j.village;
            SELECT coalesce(sum(units), 0) INTO used FROM vp_quota.balance WHERE account = 'flexible:' || j.village;
            IF used + p_units > limit_units THEN
                PERFORM refuse('flexible_reserve', format('flexible draws of village %s would reach %s units, over '
                                                          'the limit of %s units', j.village, used + p_units,
                                                          limit_units));
            END IF;
        END IF;
    END IF;

    SELECT pool_row.baseline_units
           + coalesce(sum(units) FILTER (WHERE account LIKE 'drawn:%'), 0)
           - coalesce(sum(units) FILTER (WHERE account = 'meta:reclaimed'), 0)
        INTO before_units FROM vp_quota.balance;
    SELECT seq, hash INTO j.seq, j.prev_hash FROM vp_quota.journal ORDER BY seq DESC LIMIT 1;
    j.seq := coalesce(j.seq, 0) + 1;
    j.prev_hash := coalesce(j.prev_hash, repeat('0', 64));
    -- sealed with the settings the pool was created with (the plugin's verification recomputes them from the rows)
    j.settings_hash := coalesce(pool_row.settings_hash, settings_digest());
    j.recorded_at := now();
    j.recorded_by := session_user;
    j.hash := hash_of(j);
    BEGIN
        INSERT INTO vp_quota.journal SELECT (j).*;
    EXCEPTION WHEN check_violation THEN
        PERFORM refuse('balance', 'an account would fall below zero');
    END;
    -- the county total is never exceeded
    SELECT pool_row.baseline_units
           + coalesce(sum(units) FILTER (WHERE account LIKE 'drawn:%'), 0)
           - coalesce(sum(units) FILTER (WHERE account = 'meta:reclaimed'), 0)
        INTO after_units FROM vp_quota.balance;
    IF after_units > pool_row.control_total_units AND after_units > before_units THEN
        PERFORM refuse('control_total', format('county construction land would reach %s units, over the control '
                                               'total of %s units', after_units, pool_row.control_total_units));
    END IF;
    out_seq := j.seq; out_prev_hash := j.prev_hash; out_hash := j.hash; out_settings := j.settings_hash;
    RETURN NEXT;
END $$;

-- nobody but the owner writes the journal or the pool directly
REVOKE INSERT ON vp_quota.journal FROM PUBLIC, vp_viewer, vp_planner, vp_admin;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON vp_quota.pool, vp_quota.village, vp_quota.protection
    FROM PUBLIC, vp_viewer, vp_planner, vp_admin;
REVOKE ALL ON FUNCTION vp_quota.record_movement(text, bigint, text, text, text, text, text, text, text, text,
                                                boolean, bigint, text, text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION vp_quota.record_movement(text, bigint, text, text, text, text, text, text, text, text,
                                                   boolean, bigint, text, text, bytea) TO vp_planner;
INSERT INTO vp_quota.meta VALUES ('schema_version', '3')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;

