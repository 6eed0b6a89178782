-- 3 -> 4: village accounts added or changed through the journal (an 'accounts' entry, hash format 3, that moves no
-- quota and is sealed with the pool's new settings), by administrators only, through vp_quota.update_accounts.
ALTER TABLE vp_quota.journal ADD COLUMN detail text;
ALTER TABLE vp_quota.journal DROP CONSTRAINT journal_kind_check;
ALTER TABLE vp_quota.journal ADD CONSTRAINT journal_kind_check
    CHECK (kind IN ('inflow', 'allocate', 'draw', 'return', 'transfer', 'expire', 'reverse', 'accounts'));
ALTER TABLE vp_quota.journal DROP CONSTRAINT journal_units_check;
ALTER TABLE vp_quota.journal ADD CONSTRAINT journal_units_check CHECK (units > 0 OR kind = 'accounts');
\ir ../install/05_accounts.sql
