#!/usr/bin/env bash
# socbridge against what a data team would otherwise run, on the same job: a tidy 5-dimension SOC2010 series
# (year, region, sex, industry, soc2010; two-decimal employment; every key distinct; seeded) translated to
# SOC2020 with the pooled unit-group weights exported by `socbridge map --all`, CSV to CSV. Each tool runs as a
# whole process (start-up, reading, join, group-by, writing), RUNS times interleaved (default 3); every output is
# checked against socbridge's (1e-9 × max(1, |value|) per key) before any time is printed; then the median wall
# time, CPU seconds (user + system) and peak resident memory of each, and ratios to socbridge.
# socbridge is the published command (./publish.sh: the series verbs compiled ahead of time), published into the
# work folder; SOCBRIDGE_CLI=PATH times another build instead (src/SocBridge.Cli/bin/Release/net10.0/socbridge, say).
# Usage: benchmarks/peers.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
runs=${2:-3}
seed=14
python=/usr/bin/python3
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
$python -c 'import pandas' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-pandas; }
work=${TMPDIR:-/tmp}/socbridge-peers
mkdir -p "$work"

cli=${SOCBRIDGE_CLI:-}
if [ -z "$cli" ]; then
  ./publish.sh "$work/dist" >/dev/null
  cli=$work/dist/socbridge
fi
dotnet build -c Release benchmarks/SocBridge.Peers -v q -nologo >/dev/null
peers="dotnet benchmarks/SocBridge.Peers/bin/Release/net10.0/SocBridge.Peers.dll"

series="$work/series-$rows-$seed.csv"
[ -f "$series" ] || $peers generate "$series" "$rows" "$seed"
weights="$work/weights-pooled-unit.csv"
$cli map --all --level 4 --weights pooled --format csv > "$weights"

tools=(socbridge duckdb pandas python)
command_of() {
  case $1 in
    socbridge) echo "$cli apportion --in $series --out $work/out-socbridge-$2.csv --code-column soc2010 --count employment --weights pooled" ;;
    duckdb) echo "$peers duckdb $series $weights $work/out-duckdb-$2.csv" ;;
    pandas) echo "$python benchmarks/peers/pandas_join.py $series $weights $work/out-pandas-$2.csv" ;;
    python) echo "$python benchmarks/peers/plain_python.py $series $weights $work/out-python-$2.csv" ;;
  esac
}

echo "input: $(du -h "$series" | cut -f1), $rows rows; $(nproc) cores; load average before $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  for tool in "${tools[@]}"; do
    /usr/bin/time -v -o "$work/time-$tool-$run.txt" $(command_of "$tool" "$run") > "$work/stdout-$tool-$run.txt"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

outputs=()
for run in $(seq 1 "$runs"); do for tool in "${tools[@]:1}"; do outputs+=("$work/out-$tool-$run.csv"); done; done
for run in $(seq 2 "$runs"); do outputs+=("$work/out-socbridge-$run.csv"); done
$peers verify "$work/out-socbridge-1.csv" "${outputs[@]}"
echo "all outputs match socbridge's; $(($(wc -l < "$work/out-socbridge-1.csv") - 1)) output rows"

# median of the runs' wall seconds, CPU seconds and peak RSS (MiB), one line per tool
summary() {
  for run in $(seq 1 "$runs"); do
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
                /User time/ { cpu += $2 } /System time/ { cpu += $2 } /Maximum resident set size/ { rss = $2 / 1024 }
                END { printf "%.2f %.2f %.0f\n", wall, cpu, rss }' "$work/time-$1-$run.txt"
  done | sort -n -k1 | awk '{ w[NR] = $1; c[NR] = $2; m[NR] = $3 } END { k = int((NR + 1) / 2); print w[k], c[k], m[k] }'
}
read -r sw sc sm < <(summary socbridge)
echo
echo "socbridge phases (run 1): $(grep -h '^time:' "$work/stdout-socbridge-1.txt" || true)"
printf '| %s rows, median of %s | wall s | CPU s | peak RSS MiB | wall vs socbridge | RSS vs socbridge |\n|---|---|---|---|---|---|\n' "$rows" "$runs"
for tool in "${tools[@]}"; do
  read -r w c m < <(summary "$tool")
  awk -v t="$tool" -v w="$w" -v c="$c" -v m="$m" -v sw="$sw" -v sm="$sm" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.0f | %.2f× | %.2f× |\n", t, w, c, m, w / sw, m / sm }'
done
echo "load average before the runs: see above; after: $load_after"
rm -f "$work"/out-*
