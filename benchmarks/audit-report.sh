#!/usr/bin/env bash
# Measures the audit report of the full built-in release: wall time of `socbridge audit report`
# (process start, release load and verification, evidence, HTML) and the size of the page, best of N runs.
# Usage: benchmarks/audit-report.sh [runs]   (builds the CLI in Release first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
dotnet build -c Release src/SocBridge.Cli -v quiet -nologo >/dev/null
bin=src/SocBridge.Cli/bin/Release/net10.0/socbridge
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
best=
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$bin" audit report --out "$out/audit.html" >/dev/null
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  echo "run $i: ${t} s"
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
done
bytes=$(stat -c %s "$out/audit.html")
echo "best of $runs: ${best} s; page $bytes bytes ($(echo "scale=2; $bytes / 1048576" | bc) MB)"
