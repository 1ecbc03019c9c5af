#!/usr/bin/env bash
# The main job on the committed release: translates the real ONS sample series to SOC2020 into out/.
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project src/SocBridge.Cli -- demo --out out "$@"
