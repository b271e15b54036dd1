#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 (Debian's postgresql package) if it is down and makes the grid's role and
# database: role "mledojo" (LOGIN, CREATEDB so tests can make throw-away databases), database "mledojo" owned by it.
# Idempotent and quick when everything exists. Settings: MLEDOJO_PG_ROLE, MLEDOJO_PG_PASSWORD, MLEDOJO_PG_DATABASE.
# The password is for loopback development and CI; a real deployment brings its own database (deploy/README.md).
set -euo pipefail

role=${MLEDOJO_PG_ROLE:-mledojo}
password=${MLEDOJO_PG_PASSWORD:-mledojo}
database=${MLEDOJO_PG_DATABASE:-mledojo}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- "$@"; }

if ! command -v pg_ctlcluster >/dev/null; then
  echo "postgres-setup: installing postgresql"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

version=$(pg_lsclusters -h | awk 'NR==1 {print $1}')
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $2}')
[ -n "$version" ] || { echo "postgres-setup: no PostgreSQL cluster (pg_lsclusters is empty)" >&2; exit 1; }
if ! pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online; then
  as_root pg_ctlcluster "$version" "$cluster" start
fi
for _ in $(seq 1 50); do as_postgres pg_isready -q && break; sleep 0.2; done
as_postgres pg_isready -q || { echo "postgres-setup: PostgreSQL $version/$cluster did not become ready" >&2; exit 1; }

sql() { as_postgres psql -v ON_ERROR_STOP=1 -qtAc "$1"; }
if [ "$(sql "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
  sql "CREATE ROLE \"$role\" LOGIN CREATEDB PASSWORD '$password'"
fi
if [ "$(sql "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
  sql "CREATE DATABASE \"$database\" OWNER \"$role\""
fi
echo "postgres-setup: PostgreSQL $version/$cluster up; role $role, database $database (Host=127.0.0.1;Port=$(pg_lsclusters -h | awk 'NR==1 {print $3}'))"
