#!/usr/bin/env bash
# Installs what MLEDojo.Orleans needs beyond the .NET 10 SDK, once: Debian's Python ML stack (agent code and
# the benchmark's reference path run on /usr/bin/python3), bubblewrap (the sandbox agent code runs in) and
# Chromium (the report and leaderboard rendering tests), and starts PostgreSQL with the grid's role
# (scripts/postgres-setup.sh). Safe to run again: it installs only what is missing.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
/usr/bin/python3 -c 'import pandas, sklearn, numpy' 2>/dev/null || missing+=(python3-pandas python3-sklearn python3-numpy)
# The sandbox agent code runs in (bubblewrap; setpriv and prlimit come with util-linux).
[ -x /usr/bin/bwrap ] || missing+=(bubblewrap)
# The rollout report's and the arena leaderboard's tests render their pages in headless Chromium.
command -v chromium >/dev/null || missing+=(chromium fonts-dejavu-core)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not found on PATH)" >&2; exit 1; }

# The sandbox runs agent code as an unprivileged user that must reach the competitions' public data and the
# episode folders through every folder above them. A checkout under a private home (/root is 0700) would make
# every execution refuse; let others traverse (x only: they still cannot list) the folders above this checkout.
repo_dir=$(cd "$(dirname "$0")/.." && pwd)
folder=$repo_dir
while [ "$folder" != "/" ]; do
  if [ "$(( 0$(stat -c '%a' "$folder") & 01 ))" -eq 0 ]; then
    echo "setup: letting the sandbox user traverse $folder (chmod o+x)"
    as_root chmod o+x "$folder"
  fi
  folder=$(dirname "$folder")
done

# The cluster tests (tests/MLEDojo.Cluster.Tests) need PostgreSQL running with the grid's role.
bash "$(dirname "$0")/postgres-setup.sh"
