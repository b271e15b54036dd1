-- MLEDojo's PostgreSQL schema, part 4: the gateway's API keys and episode owners (MLEDojo.Gateway's ApiKeyStore).
--
-- Not an Orleans contract: ours alone. Every gateway process of a cluster (and `dojo keys` on any machine with the
-- connection string) reads and writes these two tables, so a key minted or revoked anywhere counts everywhere from
-- the next request; nothing is cached. A key row keeps only a random 16-byte salt and SHA-256(salt || secret); the
-- secret exists only in the token printed once at creation. An episode's owner is claimed by the first reset of its
-- id (INSERT ... ON CONFLICT DO NOTHING on the primary key, so two racing gateways agree on one owner).

CREATE TABLE IF NOT EXISTS dojo_api_keys
(
    lookup      varchar(32)  NOT NULL PRIMARY KEY,
    scope       varchar(16)  NOT NULL,
    owner       varchar(200) NOT NULL,
    salt        bytea        NOT NULL,
    secret_hash bytea        NOT NULL,
    created_at  timestamptz  NOT NULL,
    revoked_at  timestamptz  NULL
);

CREATE TABLE IF NOT EXISTS dojo_episode_owners
(
    episode_id varchar(200) NOT NULL PRIMARY KEY,
    owner      varchar(200) NOT NULL,
    key_lookup varchar(32)  NOT NULL,
    claimed_at timestamptz  NOT NULL,
    -- 1 while the store counts the episode as open for its key's quota, 0 once it was seen ended.
    open       smallint     NOT NULL DEFAULT 1
);

CREATE INDEX IF NOT EXISTS dojo_episode_owners_open ON dojo_episode_owners (key_lookup, open);
