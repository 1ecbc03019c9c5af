#!/usr/bin/env bash
# Advert-coding benchmark: generates seeded advert files (default 100,000 and 1,400,000 rows) from the coding
# index with Zipf-like repetition, advert words and typos, warms the model cache once, then codes each file
# with `socbridge code --in` (recoding the rows' SOC2010 codes with --code-column, the vacancy use case, and
# with the industry column) and prints rows/s, distinct titles/s and peak memory.
# Usage: benchmarks/adverts-e2e.sh [ROWS...]   (MODE=free to code the titles as free text, without --code-column)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1400000)
mode=${MODE:-recode}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
work=${TMPDIR:-/tmp}/socbridge-bench
cache=${MODEL_CACHE:-$work/model-cache}
mkdir -p "$work"

dotnet build -c Release src/SocBridge.Cli -v q -nologo >/dev/null
dotnet build -c Release benchmarks/SocBridge.Benchmarks -v q -nologo >/dev/null
cli=src/SocBridge.Cli/bin/Release/net10.0/socbridge
bench="dotnet benchmarks/SocBridge.Benchmarks/bin/Release/net10.0/SocBridge.Benchmarks.dll"

columns=(--title-column job_title --industry-column sic2007)
[ "$mode" = recode ] && columns+=(--code-column soc2010)

# Warm the model cache (a build happens only the first time for a release).
printf 'advert_id,job_title,soc2010,sic2007,location\nA0,Care assistant,6145,,Leeds\n' > "$work/warm.csv"
"$cli" code --in "$work/warm.csv" --out "$work/warm.out.csv" "${columns[@]}" --model-cache "$cache" >/dev/null

for rows in "${sizes[@]}"; do
  input="$work/adverts-$rows.csv"
  [ -f "$input" ] || $bench adverts "$input" "$rows" 1
  echo "input: $(du -h "$input" | cut -f1), $rows rows; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); mode $mode"
  /usr/bin/time -v -o "$work/time.txt" "$cli" code --in "$input" --out "$work/adverts-$rows.out.csv" "${columns[@]}" \
    --model-cache "$cache" > "$work/summary.txt"
  cat "$work/summary.txt"
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$work/time.txt")
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u + s}' "$work/time.txt")
  distinct=$(sed -n 's/.* \([0-9,]*\) distinct normalised titles coded.*/\1/p' "$work/summary.txt" | tr -d ,)
  awk -v r="$rows" -v s="$seconds" -v m="$rss_kb" -v d="$distinct" -v c="$cpu" 'BEGIN { printf "whole process: %d rows in %.1f s (CPU %.1f s) = %.0f rows/s, %.0f distinct titles/s; peak memory %.0f MiB\n", r, s, c, r / s, d / s, m / 1024 }'
done
