-- 1 -> 2: who recorded each entry, a checked protection kind, and the database-enforced rules and roles.
ALTER TABLE vp_quota.journal ADD COLUMN recorded_by name NOT NULL DEFAULT current_user;
ALTER TABLE vp_quota.protection ADD CONSTRAINT protection_kind_check
    CHECK (kind IN ('basic_farmland', 'eco_redline'));
\ir ../install/02_rules.sql
\ir ../install/03_roles.sql
