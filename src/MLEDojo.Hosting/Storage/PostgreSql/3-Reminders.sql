-- MLEDojo's PostgreSQL schema, part 3: reminders (Microsoft.Orleans.Reminders.AdoNet).
--
-- Contract: one row per (service, grain, reminder name). An upsert returns the row's new Version (its ETag); a
-- delete takes the ETag the caller holds and returns 1 when it removed the row, 0 when the row changed or is gone.
-- Reads return GrainId, ReminderName, StartTime, Period (milliseconds) and Version. The reminder service reads
-- the rows of its slice of the hash ring: (@BeginHash, @EndHash], which wraps around when begin >= end
-- (ReadRangeRows2Key). Hashes arrive as signed integers, the uint ring hash cast to int, as they are stored.

CREATE TABLE IF NOT EXISTS dojo_reminders
(
    service_id    varchar(150) NOT NULL,
    grain_id      varchar(150) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time    timestamptz  NOT NULL,
    period_ms     bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS dojo_reminders_ring ON dojo_reminders (service_id, grain_hash);

CREATE OR REPLACE FUNCTION dojo_reminder_upsert(
    p_service varchar, p_grain varchar, p_name varchar, p_start timestamptz, p_period_ms bigint, p_hash integer)
RETURNS TABLE (Version integer) LANGUAGE sql AS $fn$
    INSERT INTO dojo_reminders AS r (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
    VALUES (p_service, p_grain, p_name, p_start, p_period_ms, p_hash, 0)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
        SET start_time = EXCLUDED.start_time, period_ms = EXCLUDED.period_ms, grain_hash = EXCLUDED.grain_hash,
            version = r.version + 1
    RETURNING r.version;
$fn$;

CREATE OR REPLACE FUNCTION dojo_reminder_delete(p_service varchar, p_grain varchar, p_name varchar, p_version integer)
RETURNS TABLE (Deleted integer) LANGUAGE plpgsql AS $fn$
BEGIN
    DELETE FROM dojo_reminders
    WHERE service_id = p_service AND grain_id = p_grain AND reminder_name = p_name AND version = p_version;
    IF FOUND THEN RETURN QUERY SELECT 1; ELSE RETURN QUERY SELECT 0; END IF;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $q$SELECT Version FROM dojo_reminder_upsert(@ServiceId, @GrainId, @ReminderName, @StartTime,
    @Period, @GrainHash);$q$),
('ReadReminderRowsKey', $q$SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
    period_ms AS Period, version AS Version
    FROM dojo_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId;$q$),
('ReadReminderRowKey', $q$SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
    period_ms AS Period, version AS Version
    FROM dojo_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;$q$),
('ReadRangeRows1Key', $q$SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
    period_ms AS Period, version AS Version
    FROM dojo_reminders WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;$q$),
('ReadRangeRows2Key', $q$SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
    period_ms AS Period, version AS Version
    FROM dojo_reminders WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);$q$),
('DeleteReminderRowKey', $q$SELECT Deleted FROM dojo_reminder_delete(@ServiceId, @GrainId, @ReminderName, @Version);$q$),
('DeleteReminderRowsKey', $q$DELETE FROM dojo_reminders WHERE service_id = @ServiceId;$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
