#!/usr/bin/env bash
# The main job: set up what is missing, build, and score every shipped competition's sample submission
# through the `dojo` command line, exactly as an episode scores an agent's submission.
set -euo pipefail
cd "$(dirname "$0")"

bash scripts/setup.sh
dotnet build src/MLEDojo.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
dojo() { dotnet src/MLEDojo.Cli/bin/Release/net10.0/dojo.dll "$@"; }

echo "== competitions under data/competitions"
dojo competitions list
for competition in data/competitions/*/; do
  name=$(basename "$competition")
  echo
  echo "== $name: scoring data/public/sample_submission.csv"
  dojo score --competition "$name" --submission "$competition/data/public/sample_submission.csv"
done
