#!/usr/bin/env bash
# Installs what MLEDojo.Orleans needs beyond the .NET 10 SDK, once: Debian's Python ML stack (agent code and
# the benchmark's reference path run on /usr/bin/python3) and Chromium (the rollout report's rendering test). Safe to run again: it installs only what is missing.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
/usr/bin/python3 -c 'import pandas, sklearn, numpy' 2>/dev/null || missing+=(python3-pandas python3-sklearn python3-numpy)
# The rollout report's and the arena leaderboard's tests render their pages in headless Chromium.
command -v chromium >/dev/null || missing+=(chromium fonts-dejavu-core)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (dotnet not found on PATH)" >&2; exit 1; }
