-- MLEDojo's SQLite schema for the episode step journal (ours, not an Orleans provider's), in the grid's database
-- file beside OrleansStorage. One row per step an episode took, keyed (service, episode, reset epoch, step); the
-- episode grain's checkpoint (OrleansStorage) holds the rest. Idempotent: every silo runs it at start.
--
-- Two tables, because an indexed insert per step was the journal's cost: each step's key lands on its own episode's
-- index page, so a commit of N steps wrote about N pages (measured: ~20k appends/s with 64 writers, against ~80k
-- into a table without that index). The silo's journal writer (GroupCommitJournal) appends each batch to
-- dojo_episode_log, whose rows only ever go at the end, in a file of its own beside this one (<file>.steplog, so
-- that appends and this file's writes never wait for each other's lock; SqliteStepLogFile creates it). Once the log
-- holds enough rows, the journal's mover copies them in key order into dojo_episode_steps in one transaction of this
-- file, so each index page is written once for many steps, and the writer deletes them from the log afterwards. The
-- writer keeps the keys of the rows still in the log in memory to refuse a second request under a taken key; a read
-- takes the log first, then this table (a row leaves the log only after it is committed here).

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
