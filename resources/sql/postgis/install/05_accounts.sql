-- Village Planner quota pool, PostGIS edition (version 4): village accounts added or changed through the journal.
-- vp_quota.update_accounts (SECURITY DEFINER, administrators only) adds the village accounts a pool lacks and
-- changes the category or planned construction land of others, in the caller's transaction, and records it as one
-- 'accounts' entry: it moves no quota, names the settings it started from (its detail) and is sealed with the
-- settings after the change (hash format 3), which every later entry is sealed with. The payload is built as
-- village_planner/core/quota.py builds it (Entry.payload): keep them in step.

-- the text an entry's hash covers (format 1 without settings, 2 with them, 3 with the detail of an accounts entry)
CREATE OR REPLACE FUNCTION vp_quota.entry_payload(j vp_quota.journal) RETURNS text LANGUAGE sql IMMUTABLE
    SET search_path = vp_quota, pg_catalog AS $$
    SELECT '[' || CASE WHEN coalesce(j.detail, '') <> '' THEN '3'
                       WHEN coalesce(j.settings_hash, '') = '' THEN '1' ELSE '2' END || ',' || j.seq || ','
        || js(j.kind) || ',' || j.units || ',' || js(j.date) || ',' || js(j.document_no) || ',' || js(j.author)
        || ',' || js(j.project) || ',' || js(j.note) || ',' || js(j.village) || ',' || js(j.to_village) || ','
        || js(j.land_use_code) || ',' || CASE WHEN j.flexible THEN 'true' ELSE 'false' END || ','
        || coalesce(j.reverses, 0) || ',' || js(j.source) || ',' || js(j.purpose) || ','
        || js(encode(sha256(coalesce(j.geometry, ''::bytea)), 'hex'))
        || CASE WHEN coalesce(j.detail, '') <> '' THEN ',' || js(j.settings_hash) || ',' || js(j.detail)
                WHEN coalesce(j.settings_hash, '') = '' THEN '' ELSE ',' || js(j.settings_hash) END || ']'
$$;

-- the one way to add or change village accounts; arrays of one element per account (a NULL or '' category and a
-- NULL planned area keep the account's; p_update false: existing accounts are left as they are)
CREATE FUNCTION vp_quota.update_accounts(
    p_codes text[], p_names text[], p_towns text[], p_categories text[], p_planned bigint[], p_boundaries bytea[],
    p_update boolean, p_date text, p_document_no text, p_author text, p_note text)
    RETURNS TABLE (out_seq bigint, out_prev_hash text, out_hash text, out_settings text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vp_quota, pg_catalog, public AS $$
DECLARE
    pool_row vp_quota.pool;
    j vp_quota.journal;
    v vp_quota.village;
    i integer;
    day date;
    ratio double precision;
    used bigint;
    new_category text;
    new_planned bigint;
    before_settings text;
    changes jsonb := '[]'::jsonb;
BEGIN
    PERFORM pg_advisory_xact_lock(7106116);
    SELECT * INTO pool_row FROM vp_quota.pool;
    IF NOT FOUND THEN
        PERFORM refuse('pool', 'this database holds no quota pool');
    END IF;
    IF NOT pg_has_role(session_user, 'vp_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'role % may not change village accounts', session_user
            USING ERRCODE = 'insufficient_privilege', HINT = 'rule=role';
    END IF;
    before_settings := coalesce(pool_row.settings_hash, settings_digest());
    IF settings_digest() IS DISTINCT FROM before_settings THEN
        PERFORM refuse('settings', 'the pool settings were changed outside the journal');
    END IF;
    IF coalesce(btrim(p_author), '') = '' THEN
        PERFORM refuse('author', 'every movement needs its author');
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
    ratio := coalesce((pool_row.policy_json::jsonb ->> 'flexible_reserve_ratio')::double precision, 0.05);
    FOR i IN 1 .. coalesce(array_length(p_codes, 1), 0) LOOP
        IF coalesce(btrim(p_codes[i]), '') = '' THEN
            PERFORM refuse('village', 'a village account needs its code');
        END IF;
        IF p_planned[i] IS NOT NULL AND (p_planned[i] < 0 OR p_planned[i] > 1000000000000) THEN
            PERFORM refuse('area', format('the planned construction land of village %s is not plausible (%s units)',
                                          p_codes[i], p_planned[i]));
        END IF;
        SELECT * INTO v FROM vp_quota.village WHERE village_code = p_codes[i];
        IF NOT FOUND THEN
            INSERT INTO vp_quota.village (village_code, village_name, town, category, planned_units, boundary)
                VALUES (p_codes[i], p_names[i], p_towns[i], coalesce(p_categories[i], ''), coalesce(p_planned[i], 0),
                        nullif(p_boundaries[i], ''::bytea));
            changes := changes || jsonb_build_array(jsonb_build_object(
                'action', 'add', 'village_code', p_codes[i], 'village_name', coalesce(p_names[i], ''),
                'town', coalesce(p_towns[i], ''), 'category', coalesce(p_categories[i], ''),
                'planned_units', coalesce(p_planned[i], 0), 'boundary', sha_hex(p_boundaries[i])));
            CONTINUE;
        END IF;
        IF NOT coalesce(p_update, false) THEN
            CONTINUE;
        END IF;
        new_category := coalesce(nullif(p_categories[i], ''), v.category);
        new_planned := coalesce(p_planned[i], v.planned_units);
        IF new_category = v.category AND new_planned = v.planned_units THEN
            CONTINUE;
        END IF;
        SELECT coalesce(sum(units), 0) INTO used FROM vp_quota.balance WHERE account = 'flexible:' || v.village_code;
        IF used > floor(new_planned * ratio) THEN
            PERFORM refuse('flexible_reserve', format('village %s has drawn %s units of flexible reserve; a planned '
                                                      'construction land of %s units allows only %s units',
                                                      v.village_code, used, new_planned, floor(new_planned * ratio)));
        END IF;
        UPDATE vp_quota.village SET category = new_category, planned_units = new_planned
            WHERE village_code = v.village_code;
        changes := changes || jsonb_build_array(jsonb_build_object(
            'action', 'update', 'village_code', v.village_code, 'category', new_category,
            'planned_units', new_planned));
    END LOOP;
    IF jsonb_array_length(changes) = 0 THEN
        RETURN;  -- nothing to change: no entry
    END IF;
    UPDATE vp_quota.pool SET settings_hash = settings_digest();
    j.kind := 'accounts'; j.units := 0; j.date := p_date; j.document_no := coalesce(btrim(p_document_no), '');
    j.author := btrim(p_author); j.project := ''; j.note := coalesce(p_note, ''); j.village := '';
    j.to_village := ''; j.land_use_code := ''; j.flexible := false; j.reverses := NULL; j.source := '';
    j.purpose := ''; j.geometry := NULL;
    j.detail := jsonb_build_object('before', before_settings, 'accounts', changes)::text;
    j.settings_hash := settings_digest();
    SELECT seq, hash INTO j.seq, j.prev_hash FROM vp_quota.journal ORDER BY seq DESC LIMIT 1;
    j.seq := coalesce(j.seq, 0) + 1;
    j.prev_hash := coalesce(j.prev_hash, repeat('0', 64));
    j.recorded_at := now();
    j.recorded_by := session_user;
    j.hash := hash_of(j);
    INSERT INTO vp_quota.journal SELECT (j).*;
    out_seq := j.seq; out_prev_hash := j.prev_hash; out_hash := j.hash; out_settings := j.settings_hash;
    RETURN NEXT;
END $$;

REVOKE ALL ON FUNCTION vp_quota.update_accounts(text[], text[], text[], text[], bigint[], bytea[], boolean, text,
                                                text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION vp_quota.update_accounts(text[], text[], text[], text[], bigint[], bytea[], boolean, text,
                                                   text, text, text) TO vp_admin;
INSERT INTO vp_quota.meta VALUES ('schema_version', '4')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
