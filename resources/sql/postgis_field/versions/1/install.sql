-- vp_field schema version 1, as first released: a frozen copy for the upgrade test
-- Field verification on a team's PostGIS: schema vp_field, its meta, and the package/merge bookkeeping.
-- The survey layers themselves (homestead_survey, facility_needs, hazard_check, villager_opinions) take their
-- columns from the county's forms file; the plugin creates them in vp_field and calls vp_field.add_versioning.
CREATE SCHEMA IF NOT EXISTS vp_field;

CREATE TABLE vp_field.meta (key text PRIMARY KEY, value text);
INSERT INTO vp_field.meta (key, value) VALUES ('schema_version', '1'), ('database_id', gen_random_uuid()::text);

-- villages whose layer was seeded once (homesteads from 0702 parcels, hazard checks from the hazard points)
CREATE TABLE vp_field.seeded (
    village_code text NOT NULL,
    layer text NOT NULL,
    seeded_at timestamptz NOT NULL DEFAULT now(),
    rows integer,
    PRIMARY KEY (village_code, layer)
);

CREATE TABLE vp_field.package (
    package_id text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    surveyor text,
    villages text,
    rows integer,
    folder text
);

-- one row per merged package: refuses the same package twice, tells the office who verified what
CREATE TABLE vp_field.merge (
    package_id text PRIMARY KEY,
    manifest_hash text NOT NULL,
    content_hash text,
    surveyor text,
    villages text,
    merged_at timestamptz NOT NULL DEFAULT now(),
    inserted integer NOT NULL DEFAULT 0,
    updated integer NOT NULL DEFAULT 0,
    deleted integer NOT NULL DEFAULT 0,
    conflicts integer NOT NULL DEFAULT 0,
    skipped integer NOT NULL DEFAULT 0,
    report jsonb
);

-- the photos of the survey rows, named by their content (referenced as attachments/<name>), never twice
CREATE TABLE vp_field.attachment (
    name text PRIMARY KEY,
    content bytea NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now()
);
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
