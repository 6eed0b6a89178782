"""The planning database: ledger snapshots (and later decisions and quota books)."""
