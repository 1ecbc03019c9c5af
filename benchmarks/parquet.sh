#!/usr/bin/env bash
# Parquet to Parquet against CSV to CSV, `socbridge apportion` on the same series: the seeded 5-dimension SOC2010
# series of `benchmarks/peers.sh` (year, region, sex, industry, soc2010; two-decimal employment; every key distinct;
# grouped by its dimensions), once as CSV and once as a Parquet copy made by DuckDB (year INTEGER, text dimensions,
# employment DOUBLE, DuckDB's row groups), each translated to SOC2020 with the pooled weights as a whole process,
# RUNS times interleaved (default 3). The two outputs are checked equal (same keys; values within 1e-12 relative)
# before any time is printed; then the median wall time, CPU seconds (user + system) and peak resident memory of
# each, the phases socbridge reports, and the ratio of the rates (Parquet's rows per second over CSV's).
# Usage: benchmarks/parquet.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-3}
seed=14
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
work=${TMPDIR:-/tmp}/socbridge-parquet
mkdir -p "$work"

# a failed build shows its errors and stops the script
build() { local log; log=$(dotnet build -c Release "$1" -v q -nologo 2>&1) || { grep -E "error" <<<"$log" | sort -u >&2; exit 1; }; }
build benchmarks/SocBridge.Peers
# The published command (./publish.sh), as in peers.sh; SOCBRIDGE_CLI=PATH times another build instead.
cli=${SOCBRIDGE_CLI:-}
if [ -z "$cli" ]; then
  ./publish.sh "$work/dist" >/dev/null
  cli=$work/dist/socbridge
fi
peers="dotnet benchmarks/SocBridge.Peers/bin/Release/net10.0/SocBridge.Peers.dll"

series="$work/series-$rows-$seed.csv"
[ -f "$series" ] || $peers generate "$series" "$rows" "$seed"
parquet="$work/series-$rows-$seed.parquet"
[ -f "$parquet" ] || $peers parquet "$series" "$parquet"

formats=(csv parquet)
command_of() {
  local input=$series
  [ "$1" = parquet ] && input=$parquet
  echo "$cli apportion --in $input --out $work/out-$1-$2.$1 --code-column soc2010 --count employment --weights pooled"
}

echo "input: CSV $(du -h "$series" | cut -f1), Parquet $(du -h "$parquet" | cut -f1), $rows rows; $(nproc) cores; load average before $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  for format in "${formats[@]}"; do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time-$format-$run.txt" $(command_of "$format" "$run") > "$work/stdout-$format-$run.txt"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

outputs=("$work/out-parquet-1.parquet")
for run in $(seq 2 "$runs"); do outputs+=("$work/out-csv-$run.csv" "$work/out-parquet-$run.parquet"); done
$peers verify --relative 1e-12 "$work/out-csv-1.csv" "${outputs[@]}"
echo "the Parquet outputs match the CSV output; $(($(wc -l < "$work/out-csv-1.csv") - 1)) output rows"

# median of the runs' wall seconds, CPU seconds and peak RSS (MiB) of one format
summary() {
  for run in $(seq 1 "$runs"); do
    awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$work/time-$1-$run.txt"
  done | sort -n -k1 | awk '{ w[NR] = $1; c[NR] = $2; m[NR] = $3 } END { k = int((NR + 1) / 2); print w[k], c[k], m[k] }'
}
read -r cw cc cm < <(summary csv)
read -r pw pc pm < <(summary parquet)
echo
for format in "${formats[@]}"; do echo "$format phases (run 1): $(grep -h '^time:' "$work/stdout-$format-1.txt" || true)"; done
printf '| %s rows, median of %s | wall s | CPU s | peak RSS MiB | rows/s |\n|---|---|---|---|---|\n' "$rows" "$runs"
awk -v n="$rows" -v w="$cw" -v c="$cc" -v m="$cm" 'BEGIN { printf "| CSV → CSV | %.2f | %.2f | %.0f | %.0f |\n", w, c, m, n / w }'
awk -v n="$rows" -v w="$pw" -v c="$pc" -v m="$pm" 'BEGIN { printf "| Parquet → Parquet | %.2f | %.2f | %.0f | %.0f |\n", w, c, m, n / w }'
awk -v cw="$cw" -v pw="$pw" -v cc="$cc" -v pc="$pc" \
  'BEGIN { printf "Parquet rate / CSV rate: %.2f× by wall time, %.2f× by CPU time (target ≥ 1.5× by wall time)\n", cw / pw, cc / pc }'
echo "load average before the runs: see above; after: $load_after"
rm -f "$work"/out-*
