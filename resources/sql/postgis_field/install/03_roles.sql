-- Field verification on a team's PostGIS, schema version 2: roles and grants.
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
UPDATE vp_field.meta SET value = '2' WHERE key = 'schema_version';
