#!/usr/bin/env bash
# Start-up of the command-line tool: wall time of small commands as whole processes (median of RUNS, default
# 11), with the runtime's JIT settings varied through DOTNET_* variables, then the phases of loading the
# release in a fresh process. Usage: benchmarks/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
work=${TMPDIR:-/tmp}/socbridge-startup
mkdir -p "$work"
dotnet build -c Release src/SocBridge.Cli -v q -nologo >/dev/null
dotnet build -c Release benchmarks/SocBridge.Benchmarks -v q -nologo >/dev/null
cli=src/SocBridge.Cli/bin/Release/net10.0/socbridge
printf 'year,soc2010,employment\n2021,2136,100.5\n' > "$work/one.csv"

# median wall seconds of RUNS runs of the command; the environment is the caller's
median() {
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { printf "%.3f", t[int((NR + 1) / 2)] }'
}

echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); median of $runs runs, wall seconds"
printf '%-44s %10s %10s %10s\n' "settings" "--version" "lookup" "apportion"
for setting in "" "DOTNET_TieredPGO=0" "DOTNET_TC_QuickJitForLoops=0" "DOTNET_TieredCompilation=0" "DOTNET_ReadyToRun=0"; do
  label=${setting:-"as built"}
  v=$(env $setting "$cli" --version 2>/dev/null | head -0; median env $setting "$cli" --version)
  l=$(median env $setting "$cli" lookup 2136)
  a=$(median env $setting "$cli" apportion --in "$work/one.csv" --out "$work/one.out.csv" --code-column soc2010 --count employment)
  printf '%-44s %10s %10s %10s\n' "$label" "$v" "$l" "$a"
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "phases of loading the release (fresh process; first call, then the same work again with the code already compiled):"
dotnet benchmarks/SocBridge.Benchmarks/bin/Release/net10.0/SocBridge.Benchmarks.dll startup
