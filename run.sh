#!/usr/bin/env bash
# The main job: set up what is missing, build, and run real episodes on an embedded single-node grid: the
# scripted baseline agent writes pandas/scikit-learn code for every shipped competition, the grid runs and
# scores it, and the live leaderboards are printed at the end.
set -euo pipefail
cd "$(dirname "$0")"

bash scripts/setup.sh
dotnet build src/MLEDojo.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet src/MLEDojo.Cli/bin/Release/net10.0/dojo.dll demo --episodes "${EPISODES:-16}"
