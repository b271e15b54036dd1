#!/usr/bin/env bash
# A real multi-process grid on this machine: PostgreSQL, N silo processes (cluster profile) and the HTTP gateway,
# all on loopback.
#
#   deploy/local-cluster.sh up [--silos N]          start (default 3 silos); prints and writes the state file
#   deploy/local-cluster.sh status                   what runs, from the state file
#   deploy/local-cluster.sh restart-silo I [--kill]  stop silo I (SIGTERM, or kill -9 with --kill) and start it again
#   deploy/local-cluster.sh down                     stop everything `up` started
#
# The gateway is co-hosted by silo 1 (dojo serve --http-port, bound to 127.0.0.1) and takes API keys, kept in the
# cluster's PostgreSQL database; `up` makes one user key and writes it to the state file as API_KEY. Environment:
#   MLEDOJO_BIN           dojo.dll (or a dojo executable) to run; default: build src/MLEDojo.Cli (Release) and use it
#   MLEDOJO_STATE_DIR     state folder (pids, ports, logs, the shared episodes root); default .dojo/local-cluster
#   MLEDOJO_PG_DATABASE   database (made by scripts/postgres-setup.sh if missing); default mledojo
#   MLEDOJO_PG_ROLE / MLEDOJO_PG_PASSWORD   default mledojo / mledojo
#   MLEDOJO_CLUSTER_ID    default local-cluster
# The silos' sessions run with synchronous_commit=off: a commit returns before its WAL reaches the disk, so a crash of
# PostgreSQL itself (not of a silo) may lose the last few hundred milliseconds. Fine on one developer machine;
# deployments use the server's setting (deploy/README.md).
# Any other DOJO_* setting (e.g. DOJO_limits__cpuExecutionSlots=4) reaches every silo.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
state=${MLEDOJO_STATE_DIR:-$repo/.dojo/local-cluster}
state_file=$state/cluster.env
config=$repo/deploy/silo.config.cluster.json

die() { echo "local-cluster: $*" >&2; exit 1; }

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

dojo_command() {
  local bin=${MLEDOJO_BIN:-}
  if [ -z "$bin" ]; then
    bin=$repo/src/MLEDojo.Cli/bin/Release/net10.0/dojo.dll
    echo "local-cluster: building dojo (dotnet build src/MLEDojo.Cli -c Release)" >&2
    dotnet build "$repo/src/MLEDojo.Cli" -c Release -nologo -v q >/dev/null || die "build failed"
  fi
  [ -f "$bin" ] || die "MLEDOJO_BIN '$bin' does not exist"
  case "$bin" in *.dll) echo "dotnet $bin" ;; *) echo "$bin" ;; esac
}

connection_string() {
  echo "Host=127.0.0.1;Port=${MLEDOJO_PG_PORT:-5432};Database=${MLEDOJO_PG_DATABASE:-mledojo};Username=${MLEDOJO_PG_ROLE:-mledojo};Password=${MLEDOJO_PG_PASSWORD:-mledojo};Maximum Pool Size=20;Options=-c synchronous_commit=off"
}

# start_silo I: starts silo I with the ports recorded in the state file, waits until it reports up, records its pid.
start_silo() {
  local i=$1 silo_port gateway_port http_args=() log pid
  # shellcheck disable=SC1090
  source "$state_file"
  silo_port=$(var "SILO_${i}_PORT"); gateway_port=$(var "SILO_${i}_GATEWAY_PORT")
  if [ "$i" = 1 ]; then http_args=(--http-port "$HTTP_PORT"); fi
  log=$state/silo-$i.log
  echo "== start $(date -u +%FT%TZ)" >>"$log"
  local from; from=$(wc -l <"$log")
  DOJO_clusterId=$CLUSTER_ID DOJO_siloPort=$silo_port DOJO_gatewayPort=$gateway_port DOJO_advertisedAddress=127.0.0.1 \
  DOJO_storage__connectionString=$CONNECTION DOJO_episodesRoot=$state/episodes DOJO_devices__node=local-silo-$i \
  DOJO_devices__gpus=${DOJO_devices__gpus:-none} \
    setsid $DOJO serve --config "$config" "${http_args[@]}" >>"$log" 2>&1 </dev/null &
  pid=$!
  set_var "SILO_${i}_PID" "$pid"
  for _ in $(seq 1 600); do
    if tail -n "+$from" "$log" | grep -q "grid silo up"; then return 0; fi
    kill -0 "$pid" 2>/dev/null || die "silo $i exited during start; see $log"
    sleep 0.1
  done
  die "silo $i did not come up within 60 s; see $log"
}

var() { eval "echo \${$1:-}"; }
# Silos 2..N start in parallel and each records its pid: without the lock, one's sed -i (a new file) loses the
# other's append.
set_var() { ( flock 9; sed -i "/^$1=/d" "$state_file"; echo "$1=$2" >>"$state_file" ) 9>"$state_file.lock"; }

stop_pid() { # stop_pid PID SIGNAL: signal, then wait up to 30 s (kill -9 after that)
  local pid=$1 signal=$2
  kill -0 "$pid" 2>/dev/null || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

print_state() {
  # shellcheck disable=SC1090
  source "$state_file"
  echo "gateway: $GATEWAY_URL (Authorization: Bearer \$API_KEY from $state_file)"
  for i in $(seq 1 "$SILOS"); do
    local pid; pid=$(var "SILO_${i}_PID")
    local alive=stopped; kill -0 "$pid" 2>/dev/null && alive=running
    echo "silo $i: pid $pid ($alive), silo port $(var "SILO_${i}_PORT"), gateway port $(var "SILO_${i}_GATEWAY_PORT"), log $state/silo-$i.log"
  done
  echo "database: $(sed 's/Password=[^;]*/Password=***/' <<<"$CONNECTION")"
  echo "state: $state_file"
}

up() {
  local silos=3
  while [ $# -gt 0 ]; do
    case "$1" in
      --silos) [ $# -ge 2 ] || die "--silos needs a number"; silos=$2; shift 2 ;;
      *) die "unknown argument '$1' (usage: up [--silos N])" ;;
    esac
  done
  [[ "$silos" =~ ^[1-9][0-9]?$ ]] || die "--silos must be between 1 and 99; got '$silos'"
  if [ -f "$state_file" ]; then die "a cluster is already recorded in $state_file; run '$0 down' first"; fi
  mkdir -p "$state/episodes"
  bash "$repo/scripts/postgres-setup.sh" >&2
  DOJO=$(dojo_command)
  {
    echo "SILOS=$silos"
    echo "DOJO='$DOJO'"
    echo "CLUSTER_ID=${MLEDOJO_CLUSTER_ID:-local-cluster}"
    echo "CONNECTION='$(connection_string)'"
    local http; http=$(free_port)
    echo "HTTP_PORT=$http"
    echo "GATEWAY_URL=http://127.0.0.1:$http"
    for i in $(seq 1 "$silos"); do
      echo "SILO_${i}_PORT=$(free_port)"
      echo "SILO_${i}_GATEWAY_PORT=$(free_port)"
    done
  } >"$state_file"
  # shellcheck disable=SC1090
  source "$state_file"
  $DOJO db init --connection "$CONNECTION" --config "$config" >&2
  local key
  key=$(DOJO_storage__connectionString=$CONNECTION \
    $DOJO keys create --scope user --owner local-cluster --config "$config" 2>/dev/null) || die "dojo keys create failed"
  echo "API_KEY=$key" >>"$state_file"
  # Silo 1 first: it co-hosts the gateway; the others join it.
  start_silo 1
  local pids=()
  for i in $(seq 2 "$silos"); do start_silo "$i" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || { down; die "a silo failed to start"; }; done
  print_state
}

restart_silo() {
  [ -f "$state_file" ] || die "no cluster recorded in $state_file"
  local i=${1:-} signal=TERM
  [ "${2:-}" = "--kill" ] && signal=KILL
  # shellcheck disable=SC1090
  source "$state_file"
  [[ "$i" =~ ^[0-9]+$ ]] && [ "$i" -ge 1 ] && [ "$i" -le "$SILOS" ] || die "restart-silo needs a silo number between 1 and $SILOS"
  stop_pid "$(var "SILO_${i}_PID")" "$signal"
  start_silo "$i"
  echo "silo $i restarted (after SIG$signal): pid $(source "$state_file"; var "SILO_${i}_PID")"
}

down() {
  [ -f "$state_file" ] || { echo "local-cluster: nothing recorded in $state_file"; return 0; }
  # shellcheck disable=SC1090
  source "$state_file"
  for i in $(seq "$SILOS" -1 1); do
    local pid; pid=$(var "SILO_${i}_PID")
    [ -n "$pid" ] && stop_pid "$pid" TERM
  done
  rm -f "$state_file" "$state_file.lock"
  echo "local-cluster: stopped $SILOS silos (PostgreSQL keeps running, with the grid's data: $(sed 's/.*Database=\([^;]*\).*/database \1/' <<<"$CONNECTION"))"
}

command=${1:-}
shift || true
case "$command" in
  up) up "$@" ;;
  down) down ;;
  status) [ -f "$state_file" ] || die "no cluster recorded in $state_file"; print_state ;;
  restart-silo) restart_silo "$@" ;;
  *) die "usage: $0 up [--silos N] | status | restart-silo I [--kill] | down" ;;
esac
