-- MLEDojo's PostgreSQL schema, part 4: the episode step journal (ours, not an Orleans provider's).
--
-- One row per step an episode took, keyed (service, episode, reset epoch, step); the episode grain's checkpoint
-- (grain state, part 2) holds the rest. Rows are appended in batches, one transaction per batch, by each silo's
-- journal writer (GroupCommitJournal); a key that is already there is left as it is (ON CONFLICT DO NOTHING), and
-- the writer compares its request id, so a retried append is a no-op and a second activation's write is refused.
-- A reset deletes the episode's rows of earlier epochs.

CREATE TABLE IF NOT EXISTS dojo_episode_steps
(
    service_id varchar(150) NOT NULL,
    episode_id varchar(512) NOT NULL,
    epoch      bigint       NOT NULL,
    step       integer      NOT NULL,
    request_id text         NOT NULL,
    payload    bytea        NOT NULL,
    written_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, episode_id, epoch, step)
);
