-- MLEDojo's SQLite schema for Orleans' ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet).
--
-- Our own script. It implements the contract the provider expects, learned from upstream's
-- src/AdoNet/Shared/Sqlite-Main.sql and src/AdoNet/Orleans.Persistence.AdoNet/Sqlite-Persistence.sql:
--   * a table OrleansQuery(QueryKey, QueryText) from which the provider reads its SQL once at silo start;
--   * the keys WriteToStorageKey, ReadFromStorageKey and ClearStorageKey, taking the parameters
--     @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
--     @ServiceId, @GrainStateVersion (and @PayloadBinary for writes);
--   * reads return columns PayloadBinary and Version; writes and clears return NewGrainStateVersion, and return
--     no row when the stored version differs from @GrainStateVersion (the provider then raises
--     InconsistentStateException: another activation wrote first).
-- Every statement is idempotent, so each silo runs the whole script at start (see SqliteGrainStorageSchema).

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- One row per grain state. The hashes make the lookup index narrow; the clear-text columns settle collisions.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL,
    Version                INTEGER NULL
);

CREATE INDEX IF NOT EXISTS IX_OrleansStorage_Lookup ON OrleansStorage (GrainIdHash, GrainTypeHash);

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
  AND ServiceId = @ServiceId
LIMIT 1;
');

-- A first write (no version yet) inserts version 1 unless a row already exists; a later write bumps the version
-- only if the caller saw the current one. Exactly one of the two statements can return a row.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
UPDATE OrleansStorage
SET PayloadBinary = @PayloadBinary, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
WHERE @GrainStateVersion IS NOT NULL
  AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
  AND ServiceId = @ServiceId
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;

INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary,
       strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), 1
WHERE @GrainStateVersion IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM OrleansStorage
      WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString IS @GrainIdExtensionString
        AND ServiceId = @ServiceId)
RETURNING Version AS NewGrainStateVersion;
');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE OrleansStorage
SET PayloadBinary = NULL, ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), Version = Version + 1
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
  AND ServiceId = @ServiceId
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
');
