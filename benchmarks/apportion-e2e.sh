#!/usr/bin/env bash
# End-to-end apportionment benchmark: generates a synthetic 4-dimension SOC2010 series (default 10 million
# rows), translates it CSV to CSV with `socbridge apportion` (RUNS times, default 3: the machine may be
# shared, so the best run is the one to compare), and prints rows/s and peak memory. Then times the
# in-memory engine. Usage: benchmarks/apportion-e2e.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
runs=${2:-3}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
work=${TMPDIR:-/tmp}/socbridge-bench
mkdir -p "$work"

dotnet build -c Release src/SocBridge.Cli -v q -nologo >/dev/null
dotnet build -c Release benchmarks/SocBridge.Benchmarks -v q -nologo >/dev/null
cli=src/SocBridge.Cli/bin/Release/net10.0/socbridge
bench="dotnet benchmarks/SocBridge.Benchmarks/bin/Release/net10.0/SocBridge.Benchmarks.dll"

input="$work/series-$rows.csv"
if [ ! -f "$input" ]; then
  echo "generating $rows rows into $input"
  $bench generate "$input" "$rows"
fi
echo "input: $(du -h "$input" | cut -f1), $rows rows; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

timefile="$work/time.txt"
best=""
for run in $(seq 1 "$runs"); do
  /usr/bin/time -v -o "$timefile" "$cli" apportion --in "$input" --out "$work/out.csv" --code-column soc2010 \
    --count employment --sex-column sex --sum-duplicates > "$work/summary.txt"
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$timefile")
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timefile")
  [ "$run" = 1 ] && cat "$work/summary.txt"
  grep '^time:' "$work/summary.txt" | sed "s/^/run $run: /"
  awk -v r="$rows" -v s="$seconds" -v m="$rss_kb" 'BEGIN { printf "run: CSV to CSV, whole process: %d rows in %.2f s = %.2f million rows/s; peak memory %.0f MiB\n", r, s, r / s / 1e6, m / 1024 }'
  if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds; fi
done
awk -v r="$rows" -v s="$best" 'BEGIN { printf "best CSV to CSV, whole process (start-up included): %.2f s = %.2f million rows/s\n", s, r / s / 1e6 }'

echo "in memory:"
$bench throughput "$rows"
