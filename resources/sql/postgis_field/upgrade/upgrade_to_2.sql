-- vp_field 1 -> 2: the team's roles and grants; add_versioning grants each survey layer and no longer
-- recreates an existing trigger (a planner who does not own a layer can package and merge).
-- the team's roles, shared with the quota pool: vp_viewer reads, vp_planner packages, merges and settles
-- conflicts, vp_admin also creates the survey layers (CREATE on the schema)
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vp_viewer') THEN CREATE ROLE vp_viewer NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vp_planner') THEN CREATE ROLE vp_planner NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vp_admin') THEN CREATE ROLE vp_admin NOLOGIN; END IF;
END $$;
GRANT vp_viewer TO vp_planner;
GRANT vp_planner TO vp_admin;
GRANT USAGE ON SCHEMA vp_field TO vp_viewer;
GRANT CREATE ON SCHEMA vp_field TO vp_admin;
GRANT SELECT ON vp_field.meta, vp_field.seeded, vp_field.package, vp_field.merge, vp_field.attachment TO vp_viewer;
GRANT INSERT ON vp_field.seeded, vp_field.package, vp_field.merge, vp_field.attachment TO vp_planner;
GRANT UPDATE (report) ON vp_field.merge TO vp_planner;

-- attach the trigger to a survey layer and grant it to the team's roles (idempotent); a planner who does not
-- own the layer changes nothing: its owner set it up
CREATE OR REPLACE FUNCTION vp_field.add_versioning(layer regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    fid_sequence text;
BEGIN
    IF NOT pg_has_role((SELECT relowner FROM pg_class WHERE oid = layer), 'USAGE') THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = layer AND tgname = 'keep_row_version') THEN
        EXECUTE format('CREATE TRIGGER keep_row_version BEFORE INSERT OR UPDATE ON %s FOR EACH ROW '
                       'EXECUTE FUNCTION vp_field.keep_row_version()', layer);
    END IF;
    EXECUTE format('GRANT SELECT ON %s TO vp_viewer', layer);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO vp_planner', layer);
    fid_sequence := pg_get_serial_sequence(layer::text, 'fid');
    IF fid_sequence IS NOT NULL THEN
        EXECUTE format('GRANT USAGE ON SEQUENCE %s TO vp_planner', fid_sequence);
    END IF;
END
$$;

DO $$ DECLARE layer regclass; BEGIN
    FOR layer IN SELECT tgrelid::regclass FROM pg_trigger WHERE tgname = 'keep_row_version'
            AND tgrelid::regclass::text LIKE 'vp_field.%' LOOP
        PERFORM vp_field.add_versioning(layer);
    END LOOP;
END $$;
