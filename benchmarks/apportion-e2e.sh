#!/usr/bin/env bash
# End-to-end apportionment benchmark: generates a synthetic 4-dimension SOC2010 series (default 10 million
# rows), translates it CSV to CSV with `socbridge apportion`, and prints rows/s and peak memory.
# Also times the in-memory engine. Usage: benchmarks/apportion-e2e.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
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
echo "input: $(du -h "$input" | cut -f1), $rows rows"

timefile="$work/time.txt"
/usr/bin/time -v -o "$timefile" "$cli" apportion --in "$input" --out "$work/out.csv" --code-column soc2010 \
  --count employment --sex-column sex --sum-duplicates > "$work/summary.txt"
seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$timefile")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timefile")
cat "$work/summary.txt"
awk -v r="$rows" -v s="$seconds" -v m="$rss_kb" 'BEGIN { printf "CSV to CSV: %d rows in %.2f s = %.2f million rows/s; peak memory %.0f MiB\n", r, s, r / s / 1e6, m / 1024 }'

echo "in memory:"
$bench throughput "$rows"
