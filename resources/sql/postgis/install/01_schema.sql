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
    kind text NOT NULL CHECK (kind IN ('inflow', 'allocate', 'draw', 'return', 'transfer', 'expire', 'reverse',
                                       'accounts')),
    units bigint NOT NULL CONSTRAINT journal_units_check CHECK (units > 0 OR kind = 'accounts'),
    date text, document_no text NOT NULL, author text NOT NULL, project text, note text,
    village text, to_village text, land_use_code text, flexible boolean NOT NULL DEFAULT false,
    reverses bigint, source text, purpose text, geometry bytea,
    prev_hash text NOT NULL, hash text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    recorded_by name NOT NULL DEFAULT current_user,
    settings_hash text,
    detail text
);

CREATE TABLE vp_quota.balance (account text PRIMARY KEY, units bigint NOT NULL);

-- which towns a planner (a database role) may record draws and returns for
CREATE TABLE vp_quota.planner_town (role_name name NOT NULL, town_code text NOT NULL,
                                    PRIMARY KEY (role_name, town_code));
