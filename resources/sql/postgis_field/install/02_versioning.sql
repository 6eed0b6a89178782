-- row_version kept by the server: any UPDATE raises it by one, whatever tool makes it (QGIS's edit buffer,
-- psql, another program); a row inserted without a uuid gets one, and every new row starts at version 1.
CREATE OR REPLACE FUNCTION vp_field.keep_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.uuid IS NULL OR NEW.uuid = '' THEN
            NEW.uuid := gen_random_uuid()::text;
        END IF;
        NEW.row_version := 1;
    ELSE
        NEW.row_version := OLD.row_version + 1;
    END IF;
    RETURN NEW;
END
$$;

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
