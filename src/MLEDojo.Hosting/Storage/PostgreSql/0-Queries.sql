-- MLEDojo's PostgreSQL schema for Orleans' ADO.NET providers, part 0: the query table.
--
-- Our own scripts. They implement the contract Orleans' ADO.NET providers (clustering, persistence, reminders;
-- Microsoft.Orleans.*.AdoNet 10.4.2, invariant "Npgsql") expect, learned from upstream's provider code and
-- scripts: each provider reads "SELECT QueryKey, QueryText FROM OrleansQuery" once at start and then runs only
-- those texts, binding parameters by name (@DeploymentId, @GrainIdHash, ...) and reading result columns by name
-- (PostgreSQL folds unquoted names to lower case; Npgsql matches column names case-insensitively).
--
-- Every statement is idempotent (IF NOT EXISTS, CREATE OR REPLACE, upserts of the query texts), so every silo and
-- `dojo db init` may run all parts, in order, any number of times; PostgreSqlSchema serializes concurrent runs
-- with an advisory lock. Functions take typed arguments so that parameters Orleans sends as NULL without a type
-- (a first write's @GrainStateVersion, a grain key without extension) get their type from the signature.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- The schema version this script set brings, for operators (`dojo db init` prints it).
CREATE TABLE IF NOT EXISTS dojo_schema_info
(
    name       text        NOT NULL PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO dojo_schema_info (name, value) VALUES ('schema_version', '2')
ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = now();
