#!/usr/bin/env bash
# Start-up of the command-line tool: wall time of small commands as whole processes (median of RUNS, default
# 11). First the published command (./publish.sh: the series verbs compiled ahead of time, every other verb
# handed to the managed build beside it, published ReadyToRun) against the Release build run by the runtime;
# then the Release build with the runtime's JIT settings varied through DOTNET_* variables; then the phases of
# loading the release in a fresh process. Usage: benchmarks/startup.sh [RUNS]; SOCBRIDGE_CLI=PATH times another
# build of the tool instead of the Release build in the second table.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
work=${TMPDIR:-/tmp}/socbridge-startup
mkdir -p "$work"
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cli=${SOCBRIDGE_CLI:-src/SocBridge.Cli/bin/Release/net10.0/socbridge}
[ -n "${SOCBRIDGE_CLI:-}" ] || dotnet build -c Release src/SocBridge.Cli -v q -nologo >/dev/null
dotnet build -c Release benchmarks/SocBridge.Benchmarks -v q -nologo >/dev/null
printf 'year,soc2010,employment\n2021,2136,100.5\n' > "$work/one.csv"
printf 'job_title,soc2010\nsoftware engineer,2136\nsenior sales consultant,7125\n' > "$work/two.csv"
./publish.sh "$work/dist" > /dev/null

# "wall/cpu": median wall seconds and median CPU seconds (user + system) of RUNS runs of the command. On a shared
# machine the wall time follows the load; the CPU time much less so.
median() {
  local out=$work/time.txt
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %U %S' -o "$out" "$@" > /dev/null
    cat "$out"
  done | awk '{ print $1, $2 + $3 }' | sort -n -k1 > "$work/samples.txt"
  local wall cpu
  wall=$(awk '{ t[NR] = $1 } END { printf "%.3f", t[int((NR + 1) / 2)] }' "$work/samples.txt")
  cpu=$(sort -n -k2 "$work/samples.txt" | awk '{ t[NR] = $2 } END { printf "%.2f", t[int((NR + 1) / 2)] }')
  echo "$wall/$cpu"
}

echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); median of $runs runs: wall seconds / CPU seconds"
# The models are built (or checked) once before the timed runs: these are warm starts.
"$cli" code "software engineer" --top 1 > /dev/null
"$cli" recode --in "$work/two.csv" --out "$work/two.out.csv" --title-column job_title --code-column soc2010 > /dev/null
printf '%-32s %14s %14s %14s %14s %14s\n' "build" "--version" "lookup 2136" "apportion" "code" "recode 2 rows"
for build in "$work/dist/socbridge" "$cli"; do
  label=$([ "$build" = "$cli" ] && echo "Release build (JIT)" || echo "published (native + R2R)")
  v=$(median "$build" --version)
  l=$(median "$build" lookup 2136)
  a=$(median "$build" apportion --in "$work/one.csv" --out "$work/one.out.csv" --code-column soc2010 --count employment)
  c=$(median "$build" code "senior software engineer" --top 1)
  r=$(median "$build" recode --in "$work/two.csv" --out "$work/two.out.csv" --title-column job_title --code-column soc2010)
  printf '%-32s %14s %14s %14s %14s %14s\n' "$label" "$v" "$l" "$a" "$c" "$r"
done
echo
printf '%-32s %14s %14s %14s\n' "settings" "--version" "lookup 2136" "apportion"
for setting in "" "DOTNET_TieredPGO=0" "DOTNET_TC_QuickJitForLoops=0" "DOTNET_TieredCompilation=0" "DOTNET_ReadyToRun=0"; do
  label=${setting:-"as built"}
  v=$(median env $setting "$cli" --version)
  l=$(median env $setting "$cli" lookup 2136)
  a=$(median env $setting "$cli" apportion --in "$work/one.csv" --out "$work/one.out.csv" --code-column soc2010 --count employment)
  printf '%-32s %14s %14s %14s\n' "$label" "$v" "$l" "$a"
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "phases of loading the release (fresh process; first call, then the same work again with the code already compiled):"
dotnet benchmarks/SocBridge.Benchmarks/bin/Release/net10.0/SocBridge.Benchmarks.dll startup
