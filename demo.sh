#!/usr/bin/env bash
# The main job on the committed release: translates the real ONS sample series to SOC2020 into out/
# (or the folder given with --out DIR). Other arguments go to `socbridge demo`.
set -euo pipefail
cd "$(dirname "$0")"
out=(--out out)
for arg in "$@"; do
  case "$arg" in --out|--out=*) out=() ;; esac
done
dotnet run -c Release --project src/SocBridge.Cli -- demo ${out[@]+"${out[@]}"} "$@"
