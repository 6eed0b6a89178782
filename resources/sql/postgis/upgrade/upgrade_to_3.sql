-- 2 -> 3: the server owns the write path (vp_quota.record_movement), entries are sealed with the pool's settings,
-- and nobody but the owner writes the journal, the pool or the village accounts directly.
ALTER TABLE vp_quota.pool ADD COLUMN settings_hash text;
ALTER TABLE vp_quota.journal ADD COLUMN settings_hash text;
\ir ../install/04_write_path.sql
