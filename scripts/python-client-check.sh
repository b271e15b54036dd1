#!/usr/bin/env bash
# Checks clients/python against a live gateway: builds dojo, starts `dojo serve --http-port` on a free loopback
# port with a throwaway configuration, runs the client's unit tests and the example episode over HTTP and WS.
# Exits non-zero when anything fails; the server is always stopped.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# Debian's interpreter: python3-websockets, pandas and scikit-learn are installed for it, not for a pyenv one.
PY=/usr/bin/python3
started_at=$(date +%s)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! "$PY" -c 'import websockets' 2>/dev/null; then
  echo "== installing python3-websockets"
  as_root apt-get install -y --no-install-recommends python3-websockets >/dev/null \
    || { as_root apt-get update >/dev/null && as_root apt-get install -y --no-install-recommends python3-websockets >/dev/null; }
fi
# The example's code runs in the sandbox with Debian's ML stack; run.sh installs it too, but this check stands alone.
if ! "$PY" -c 'import pandas, sklearn' 2>/dev/null; then
  echo "== installing python3-pandas python3-sklearn"
  as_root apt-get update >/dev/null
  as_root apt-get install -y --no-install-recommends python3-pandas python3-sklearn python3-numpy >/dev/null
fi

echo "== unit tests"
# pipefail carries a failing test run through the tail.
"$PY" -m unittest discover -s clients/python/tests -t clients/python -v 2>&1 | tail -n 40

echo "== building src/MLEDojo.Cli (Release)"
dotnet build src/MLEDojo.Cli -c Release -nologo -v q | tail -n 3
DOJO_DLL="$ROOT/src/MLEDojo.Cli/bin/Release/net10.0/dojo.dll"
[ -f "$DOJO_DLL" ] || { echo "no $DOJO_DLL after the build" >&2; exit 1; }

WORK="$(mktemp -d -t mledojo-pyclient.XXXXXX)"
# mktemp makes it 0700; the sandbox user must traverse it to reach the episode folders inside.
chmod 755 "$WORK"
SERVER_PID=""
cleanup() {
  # Only the server this script started, by its pid, then its temp dir.
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# An interrupt ends the script (and so runs the EXIT trap) instead of resuming after the handler.
trap "exit 130" INT TERM

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
HTTP_PORT=$(free_port); SILO_PORT=$(free_port); GATEWAY_PORT=$(free_port)

# Own configuration: storage and episodes in the temp dir, unique cluster and ports, so a developer's
# .dojo/ and a concurrently running silo are left alone. Absolute paths: nothing depends on the cwd.
"$PY" - "$ROOT/silo.config.json" "$WORK/silo.config.json" <<PYEOF
import json, sys
config = json.load(open(sys.argv[1]))
config.update({
    "clusterId": "pyclient-check-$HTTP_PORT",
    "siloPort": $SILO_PORT,
    "gatewayPort": $GATEWAY_PORT,
    "competitionsRoot": "$ROOT/data/competitions",
    "episodesRoot": "$WORK/episodes",
    "storage": {"provider": "sqlite", "connectionString": "Data Source=$WORK/grid.db"},
    "python": "$PY",
})
config.setdefault("devices", {})["gpus"] = "none"
json.dump(config, open(sys.argv[2], "w"), indent=2)
PYEOF

SERVE_ARGS=(serve --config "$WORK/silo.config.json" --http-port "$HTTP_PORT")
# Auth may come to the gateway; turn it off only when this build knows the flag.
if dotnet "$DOJO_DLL" serve --help 2>&1 | grep -q -- '--insecure-no-auth'; then
  SERVE_ARGS+=(--insecure-no-auth)
fi

echo "== dojo ${SERVE_ARGS[*]}"
# dojo binds every DOJO_* variable onto its configuration and refuses unknown ones, so the client's
# DOJO_API_KEY / DOJO_GATEWAY (and a developer's own overrides) must not reach the server: the file says it all.
SERVE_ENV=(env)
while IFS= read -r name; do SERVE_ENV+=(-u "$name"); done < <(compgen -e | grep '^DOJO_' || true)
"${SERVE_ENV[@]}" dotnet "$DOJO_DLL" "${SERVE_ARGS[@]}" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!

URL="http://127.0.0.1:$HTTP_PORT"
for _ in $(seq 1 240); do
  if "$PY" -c "import urllib.request,sys; urllib.request.urlopen('$URL/health', timeout=2)" 2>/dev/null; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "dojo serve exited before /health answered:" >&2; cat "$WORK/serve.log" >&2; exit 1
  fi
  sleep 0.5
done
"$PY" -c "import urllib.request; print(urllib.request.urlopen('$URL/health', timeout=5).read().decode())" \
  || { echo "/health never answered:" >&2; tail -n 50 "$WORK/serve.log" >&2; exit 1; }

echo "== example over http and ws"
if ! DOJO_GATEWAY="$URL" "$PY" clients/python/examples/play_episode.py --transport both; then
  echo "the example failed; server log tail:" >&2; tail -n 50 "$WORK/serve.log" >&2; exit 1
fi

echo "python client check passed in $(( $(date +%s) - started_at ))s"
