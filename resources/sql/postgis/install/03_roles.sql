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
