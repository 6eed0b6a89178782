-- 2 -> 3: the server owns the write path (vp_quota.record_movement), entries are sealed with the pool's settings,
-- and nobody but the owner writes the journal, the pool or the village accounts directly.
ALTER TABLE vp_quota.pool ADD COLUMN settings_hash text;
ALTER TABLE vp_quota.journal ADD COLUMN settings_hash text;
\ir ../install/04_write_path.sql
-- pools made before version 3 are sealed from now on with the settings they have today
UPDATE vp_quota.pool SET settings_hash = vp_quota.settings_digest() WHERE settings_hash IS NULL;
