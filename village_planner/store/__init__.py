"""The planning database: ledger snapshots and decisions (snapshots, classification) and the quota pool
(quota_base: the interface every quota store provides; quota_store: GeoPackage; quota_pg and pg_migrate:
PostGIS). SQLite is opened through sqlite.connect; StoreError (in sqlite) is the one store error."""
