-- MLEDojo's PostgreSQL schema, part 2: grain state (Microsoft.Orleans.Persistence.AdoNet).
--
-- Contract: a grain's state row is found by its hashes and clear-text key (@GrainIdHash, @GrainIdN0, @GrainIdN1,
-- @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString which is NULL for keys without one, @ServiceId).
-- Reads return PayloadBinary and Version. Writes and clears take the version the grain last saw
-- (@GrainStateVersion, NULL before its first write) and return NewGrainStateVersion; they return no row, or NULL,
-- when the stored version differs, and the provider raises InconsistentStateException (another activation wrote
-- first). The unique index makes two racing first writes of one grain impossible: the loser gets an error.

CREATE TABLE IF NOT EXISTS dojo_grain_state
(
    grain_id_hash      integer      NOT NULL,
    grain_id_n0        bigint       NOT NULL,
    grain_id_n1        bigint       NOT NULL,
    grain_type_hash    integer      NOT NULL,
    grain_type         varchar(512) NOT NULL,
    grain_id_extension varchar(512) NULL,
    service_id         varchar(150) NOT NULL,
    payload            bytea        NULL,
    modified_at        timestamptz  NOT NULL DEFAULT now(),
    version            integer      NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS dojo_grain_state_key ON dojo_grain_state
    (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, service_id, grain_type, coalesce(grain_id_extension, ''));

-- Whether row s is the grain's: one definition of the key for every statement. A simple SQL function, so the
-- planner inlines it and the key index still serves the lookup.
CREATE OR REPLACE FUNCTION dojo_grain_state_is(
    s dojo_grain_state, p_id_hash integer, p_id_n0 bigint, p_id_n1 bigint, p_type_hash integer, p_type varchar,
    p_extension varchar, p_service varchar)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $fn$
    SELECT s.grain_id_hash = p_id_hash AND s.grain_type_hash = p_type_hash
       AND s.grain_id_n0 = p_id_n0 AND s.grain_id_n1 = p_id_n1
       AND s.service_id = p_service AND s.grain_type = p_type
       AND coalesce(s.grain_id_extension, '') = coalesce(p_extension, '');
$fn$;

CREATE OR REPLACE FUNCTION dojo_grain_state_read(
    p_id_hash integer, p_id_n0 bigint, p_id_n1 bigint, p_type_hash integer, p_type varchar, p_extension varchar,
    p_service varchar)
RETURNS TABLE (PayloadBinary bytea, Version integer) LANGUAGE sql STABLE AS $fn$
    SELECT s.payload, s.version FROM dojo_grain_state s
    WHERE dojo_grain_state_is(s, p_id_hash, p_id_n0, p_id_n1, p_type_hash, p_type, p_extension, p_service);
$fn$;

CREATE OR REPLACE FUNCTION dojo_grain_state_write(
    p_id_hash integer, p_id_n0 bigint, p_id_n1 bigint, p_type_hash integer, p_type varchar, p_extension varchar,
    p_service varchar, p_version integer, p_payload bytea)
RETURNS TABLE (NewGrainStateVersion integer) LANGUAGE plpgsql AS $fn$
BEGIN
    IF p_version IS NULL THEN
        RETURN QUERY
        INSERT INTO dojo_grain_state (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type,
                                      grain_id_extension, service_id, payload, version)
        VALUES (p_id_hash, p_id_n0, p_id_n1, p_type_hash, p_type, p_extension, p_service, p_payload, 1)
        RETURNING dojo_grain_state.version;
    ELSE
        RETURN QUERY
        UPDATE dojo_grain_state s SET payload = p_payload, modified_at = now(), version = s.version + 1
        WHERE dojo_grain_state_is(s, p_id_hash, p_id_n0, p_id_n1, p_type_hash, p_type, p_extension, p_service)
          AND s.version = p_version
        RETURNING s.version;
    END IF;
END
$fn$;

-- Clearing keeps the row with a NULL payload and a new version (so a stale activation still cannot write);
-- deleting (DeleteStateOnClear) removes it.
CREATE OR REPLACE FUNCTION dojo_grain_state_clear(
    p_id_hash integer, p_id_n0 bigint, p_id_n1 bigint, p_type_hash integer, p_type varchar, p_extension varchar,
    p_service varchar, p_version integer, p_delete boolean)
RETURNS TABLE (NewGrainStateVersion integer) LANGUAGE plpgsql AS $fn$
BEGIN
    IF p_delete THEN
        RETURN QUERY
        DELETE FROM dojo_grain_state s
        WHERE dojo_grain_state_is(s, p_id_hash, p_id_n0, p_id_n1, p_type_hash, p_type, p_extension, p_service)
          AND s.version = p_version
        RETURNING s.version + 1;
    ELSIF p_version IS NOT NULL THEN
        -- A versioned write of no payload (a NULL version would insert: a grain never written has nothing to clear).
        RETURN QUERY
        SELECT * FROM dojo_grain_state_write(p_id_hash, p_id_n0, p_id_n1, p_type_hash, p_type, p_extension, p_service,
                                             p_version, NULL);
    END IF;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$SELECT * FROM dojo_grain_state_read(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
    @GrainTypeString, @GrainIdExtensionString, @ServiceId);$q$),
('WriteToStorageKey', $q$SELECT * FROM dojo_grain_state_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
    @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);$q$),
('ClearStorageKey', $q$SELECT * FROM dojo_grain_state_clear(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
    @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, false);$q$),
('DeleteStorageKey', $q$SELECT * FROM dojo_grain_state_clear(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
    @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, true);$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
