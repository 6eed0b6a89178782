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

-- attach the trigger to a survey layer (idempotent)
CREATE OR REPLACE FUNCTION vp_field.add_versioning(layer regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TRIGGER IF EXISTS keep_row_version ON %s', layer);
    EXECUTE format('CREATE TRIGGER keep_row_version BEFORE INSERT OR UPDATE ON %s FOR EACH ROW '
                   'EXECUTE FUNCTION vp_field.keep_row_version()', layer);
END
$$;
