-- MLEDojo's PostgreSQL schema, part 1: cluster membership (Microsoft.Orleans.Clustering.AdoNet).
--
-- Contract: the membership table has one version row per deployment (the cluster id), the table's ETag. Every
-- change of a silo row must bump that version from the value the caller read, atomically with the row change,
-- and report 1 (done) or 0 (someone else changed the table first; Orleans re-reads and retries). Reads return the
-- version row even when no silo row matches, with the silo columns NULL.

CREATE TABLE IF NOT EXISTS dojo_membership_version
(
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    changed_at    timestamptz  NOT NULL DEFAULT now(),
    version       integer      NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS dojo_membership
(
    deployment_id   varchar(150)  NOT NULL REFERENCES dojo_membership_version (deployment_id) ON DELETE CASCADE,
    address         varchar(45)   NOT NULL,
    port            integer       NOT NULL,
    generation      integer       NOT NULL,
    silo_name       varchar(150)  NOT NULL,
    host_name       varchar(150)  NOT NULL,
    status          integer       NOT NULL,
    proxy_port      integer       NULL,
    suspect_times   varchar(8000) NULL,
    start_time      timestamptz   NOT NULL,
    i_am_alive_time timestamptz   NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

CREATE OR REPLACE FUNCTION dojo_membership_add_version(p_deployment varchar)
RETURNS TABLE (added integer) LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO dojo_membership_version (deployment_id) VALUES (p_deployment) ON CONFLICT (deployment_id) DO NOTHING;
    IF FOUND THEN RETURN QUERY SELECT 1; ELSE RETURN QUERY SELECT 0; END IF;
END
$fn$;

-- The version row is locked first, so concurrent membership changes of one deployment serialize on it; a silo
-- row that already exists after the bump means a duplicate insert, and raising undoes the bump with it.
CREATE OR REPLACE FUNCTION dojo_membership_insert(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_silo_name varchar,
    p_host_name varchar, p_status integer, p_proxy_port integer, p_start_time timestamptz,
    p_i_am_alive_time timestamptz, p_version integer)
RETURNS TABLE (inserted integer) LANGUAGE plpgsql AS $fn$
BEGIN
    UPDATE dojo_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment AND version = p_version;
    IF NOT FOUND THEN RETURN QUERY SELECT 0; RETURN; END IF;
    INSERT INTO dojo_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                 start_time, i_am_alive_time)
    VALUES (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
            p_start_time, p_i_am_alive_time);
    RETURN QUERY SELECT 1;
END
$fn$;

CREATE OR REPLACE FUNCTION dojo_membership_update(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_status integer,
    p_suspect_times varchar, p_i_am_alive_time timestamptz, p_version integer)
RETURNS TABLE (updated integer) LANGUAGE plpgsql AS $fn$
BEGIN
    UPDATE dojo_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment AND version = p_version;
    IF NOT FOUND THEN RETURN QUERY SELECT 0; RETURN; END IF;
    UPDATE dojo_membership SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
    WHERE deployment_id = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'membership row %:%@% of deployment % does not exist', p_address, p_port, p_generation, p_deployment;
    END IF;
    RETURN QUERY SELECT 1;
END
$fn$;

-- The liveness heartbeat does not change the table's version (Orleans' contract: it never conflicts).
CREATE OR REPLACE FUNCTION dojo_membership_alive(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_i_am_alive_time timestamptz)
RETURNS void LANGUAGE sql AS $fn$
    UPDATE dojo_membership SET i_am_alive_time = p_i_am_alive_time
    WHERE deployment_id = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
$fn$;

CREATE OR REPLACE FUNCTION dojo_membership_read(
    p_deployment varchar, p_address varchar, p_port integer, p_generation integer)
RETURNS TABLE (DeploymentId varchar, Address varchar, Port integer, Generation integer, SiloName varchar,
               HostName varchar, Status integer, ProxyPort integer, SuspectTimes varchar, StartTime timestamptz,
               IAmAliveTime timestamptz, Version integer)
LANGUAGE sql STABLE AS $fn$
    SELECT v.deployment_id, m.address, m.port, m.generation, m.silo_name, m.host_name, m.status, m.proxy_port,
           m.suspect_times, m.start_time, m.i_am_alive_time, v.version
    FROM dojo_membership_version v
    LEFT JOIN dojo_membership m
           ON m.deployment_id = v.deployment_id
          AND (p_address IS NULL OR (m.address = p_address AND m.port = p_port AND m.generation = p_generation))
    WHERE v.deployment_id = p_deployment;
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$SELECT added FROM dojo_membership_add_version(@DeploymentId);$q$),
('InsertMembershipKey', $q$SELECT inserted FROM dojo_membership_insert(@DeploymentId, @Address, @Port, @Generation,
    @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);$q$),
('UpdateMembershipKey', $q$SELECT updated FROM dojo_membership_update(@DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version);$q$),
('UpdateIAmAlivetimeKey', $q$SELECT dojo_membership_alive(@DeploymentId, @Address, @Port, @Generation, @IAmAliveTime);$q$),
('MembershipReadRowKey', $q$SELECT * FROM dojo_membership_read(@DeploymentId, @Address, @Port, @Generation);$q$),
('MembershipReadAllKey', $q$SELECT * FROM dojo_membership_read(@DeploymentId, NULL, NULL, NULL);$q$),
('GatewaysQueryKey', $q$SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
    FROM dojo_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;$q$),
-- Status 3 is Active: a silo that stopped heart-beating but is still Active is left for the membership protocol
-- to declare dead first.
('CleanupDefunctSiloEntriesKey', $q$DELETE FROM dojo_membership
    WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;$q$),
('DeleteMembershipTableEntriesKey', $q$DELETE FROM dojo_membership_version WHERE deployment_id = @DeploymentId;$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
