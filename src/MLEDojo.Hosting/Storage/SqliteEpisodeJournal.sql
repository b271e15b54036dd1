-- MLEDojo's SQLite schema for the episode step journal (ours, not an Orleans provider's), in the grid's database
-- file beside OrleansStorage. One row per step an episode took, keyed (service, episode, reset epoch, step); the
-- episode grain's checkpoint (OrleansStorage) holds the rest. The silo's journal writer (GroupCommitJournal)
-- appends rows in batches, one transaction per batch; an existing key is left as it is (ON CONFLICT DO NOTHING)
-- and the writer compares its request id. Idempotent: every silo runs it at start. A rowid table with the key as
-- its unique index, not WITHOUT ROWID: a record (a few hundred bytes) is too large a row for a clustered key.

CREATE TABLE IF NOT EXISTS dojo_episode_steps
(
    service_id TEXT    NOT NULL,
    episode_id TEXT    NOT NULL,
    epoch      INTEGER NOT NULL,
    step       INTEGER NOT NULL,
    request_id TEXT    NOT NULL,
    payload    BLOB    NOT NULL,
    PRIMARY KEY (service_id, episode_id, epoch, step)
);
