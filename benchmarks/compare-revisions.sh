#!/usr/bin/env bash
# Before/after: times `socbridge apportion` (CSV to CSV, whole process) and the in-memory engine for an older
# revision and the working tree, interleaved run by run on the same input, so both see the same machine load.
# Usage: benchmarks/compare-revisions.sh REV [ROWS] [RUNS]   (e.g. benchmarks/compare-revisions.sh HEAD~10 10000000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?give the revision to compare with}
rows=${2:-10000000}
runs=${3:-3}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
work=${TMPDIR:-/tmp}/socbridge-bench
mkdir -p "$work"
before="$work/before-$(git rev-parse --short "$rev")"
if [ ! -d "$before" ]; then git worktree add -q --detach "$before" "$rev"; fi
for tree in "$before" .; do
  dotnet build -c Release "$tree/src/SocBridge.Cli" -v q -nologo >/dev/null
  dotnet build -c Release "$tree/benchmarks/SocBridge.Benchmarks" -v q -nologo >/dev/null
done
bench="dotnet benchmarks/SocBridge.Benchmarks/bin/Release/net10.0/SocBridge.Benchmarks.dll"
input="$work/series-$rows.csv"
[ -f "$input" ] || $bench generate "$input" "$rows"
echo "input: $(du -h "$input" | cut -f1), $rows rows; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  for tree in "$before" .; do
    label=$([ "$tree" = . ] && echo "after " || echo "before")
    /usr/bin/time -v -o "$work/time.txt" "$tree/src/SocBridge.Cli/bin/Release/net10.0/socbridge" apportion --in "$input" --out "$work/out-${label// /}.csv" \
      --code-column soc2010 --count employment --sex-column sex --sum-duplicates > "$work/summary.txt" 2>&1 || { cat "$work/summary.txt"; exit 1; }
    awk -F': ' -v r="$rows" -v l="$label" -v n="$run" '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]}
      /Maximum resident set size/ {m = $2} END {printf "%s run %d: CSV to CSV %.2f s = %.2f M rows/s, peak %.0f MiB\n", l, n, s, r / s / 1e6, m / 1024}' "$work/time.txt"
  done
done
cmp -s "$work/out-before.csv" "$work/out-after.csv" && echo "outputs: identical" || echo "outputs: differ (compare $work/out-before.csv and $work/out-after.csv)"
for tree in "$before" .; do
  echo "in memory ($([ "$tree" = . ] && echo after || echo before)):"
  dotnet "$tree/benchmarks/SocBridge.Benchmarks/bin/Release/net10.0/SocBridge.Benchmarks.dll" throughput "$rows" | tail -2
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
