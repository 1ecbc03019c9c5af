#!/usr/bin/env bash
# Load test of the SocBridge HTTP API on this machine's loopback only.
#
# Publishes the API and a bare minimal API (benchmarks/BareApi: no middleware, one fixed JSON answer of about
# the size of a lookup) in Release, starts them on 127.0.0.1 one after the other, and runs bounded wrk runs:
#   bare            GET /bare on the bare minimal API: what this machine serves at most
#   lookup          GET /v1/soc/{2010|2020}/{code}                every unit group of both editions in turn
#   map             GET /v1/soc/{2010|2020}/{code}/map?weights=    every unit group x lfs/census/pooled
#   search          GET /v1/search?q=                              a fixed sample of coding-index titles
#   code            GET /v1/code?title=                            the same sample as free-text titles
#   compat-code     GET /api/v1/soc/code/{code}                    every SOC2010 unit group, the existing service's shape
#   compat-search   GET /api/v1/soc/search?q=                      the search sample, 30 occupations each
# each with compression on (Accept-Encoding: br, gzip) and off, after one warm pass over every path (answers
# are then served from the response cache, as in production after a while); then search and code with the
# response cache off (every answer computed). It prints requests/s, p50/p90/p99 latency and errors of each run,
# and the load average before and after. With EXTRA=1 it also runs an overload run (2,000 connections), a
# recovery run and the production rate limit with one client far over it.
#
# Settings (environment): DURATION (5s), CONNECTIONS (32), THREADS (2), OVERLOAD_CONNECTIONS (2000),
# PORT (5090), LOG_REQUESTS (0: request logging at Warning; 1: one JSON log line per request), EXTRA (0),
# PARTS ("bare cached uncached": which groups of runs to make, e.g. PARTS="bare uncached").
set -euo pipefail

DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
OVERLOAD_CONNECTIONS=${OVERLOAD_CONNECTIONS:-2000}
PORT=${PORT:-5090}
LOG_REQUESTS=${LOG_REQUESTS:-0}
EXTRA=${EXTRA:-0}
PARTS=" ${PARTS:-bare cached uncached} "
COMPRESSED="Accept-Encoding: br, gzip"

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
HOST=127.0.0.1
URL="http://$HOST:$PORT"
WORK=$(mktemp -d)
SERVER_PID=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk not found: installing it from the Debian packages"
  apt-get update && apt-get install -y wrk
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

echo "== publishing the API and the bare minimal API (Release) to a temporary folder"
dotnet publish "$ROOT/src/SocBridge.Api.Host/SocBridge.Api.Host.csproj" -c Release -o "$WORK/app" -v q -nologo | tail -n 3
dotnet publish "$ROOT/benchmarks/BareApi/BareApi.csproj" -c Release -o "$WORK/bare" -v q -nologo | tail -n 3
BIN="$WORK/app"

# Request paths, from the committed release.
awk -F, 'NR > 1 && $2 == 4 { print "/v1/soc/2010/" $1 }' "$ROOT/crosswalks/soc2010_groups.csv" > "$WORK/lookup.txt"
awk -F, 'NR > 1 && $2 == 4 { print "/v1/soc/2020/" $1 }' "$ROOT/crosswalks/soc2020_groups.csv" >> "$WORK/lookup.txt"
for w in lfs census pooled; do sed "s|\$|/map?weights=$w|" "$WORK/lookup.txt"; done > "$WORK/map.txt"
# Every 97th coding-index title made only of letters and spaces, as a search query.
awk -F, 'NR > 1 && !/"/ && $8 ~ /^[A-Za-z][A-Za-z ]+$/ { if (++n % 97 == 0) { q = tolower($8); gsub(/ /, "%20", q); print "/v1/search?q=" q } }' \
  "$ROOT/crosswalks/coding_index.csv" > "$WORK/search.txt"
sed 's|^/v1/search?q=|/v1/code?title=|' "$WORK/search.txt" > "$WORK/code.txt"
sed 's|^/v1/search?q=|/api/v1/soc/search?q=|' "$WORK/search.txt" > "$WORK/compat-search.txt"
awk -F, 'NR > 1 && $2 == 4 { print "/api/v1/soc/code/" $1 }' "$ROOT/crosswalks/soc2010_groups.csv" > "$WORK/compat-code.txt"
echo "/bare" > "$WORK/bare.txt"
echo "paths: $(wc -l < "$WORK/lookup.txt") lookups, $(wc -l < "$WORK/map.txt") maps, $(wc -l < "$WORK/search.txt") searches and codings, $(wc -l < "$WORK/compat-code.txt") compatibility lookups"

start_server() {
  local label=$1; shift
  local log_level=Warning
  [[ "$LOG_REQUESTS" == 1 ]] && log_level=Information
  # Run from the published folder so its appsettings.json (JSON console logs) applies, as in a container.
  (cd "$BIN" && exec dotnet SocBridge.Api.Host.dll --urls "$URL" \
      "--Logging:LogLevel:SocBridge.Api.Requests=$log_level" "$@" > "$WORK/server-$label.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "$URL/health/ready" > /dev/null 2>&1; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server-$label.log"; echo "the server exited"; exit 1; }
    sleep 0.5
  done
  echo "the server was not ready within 60 s"; exit 1
}

start_bare() {
  (cd "$WORK/bare" && exec dotnet BareApi.dll --urls "$URL" > "$WORK/server-bare.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "$URL/health" > /dev/null 2>&1; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server-bare.log"; echo "the bare API exited"; exit 1; }
    sleep 0.5
  done
  echo "the bare API did not answer within 60 s"; exit 1
}

warm() {
  # A pass over the paths, compressed and not (fills the response cache, the encodings and the JIT) before measuring.
  wrk -t1 -c8 -d"${2:-5s}" -s "$HERE/paths.lua" "$URL" -- "$WORK/$1.txt" > /dev/null
  wrk -t1 -c8 -d"${2:-5s}" -H "$COMPRESSED" -s "$HERE/paths.lua" "$URL" -- "$WORK/$1.txt" > /dev/null
}

# run LABEL PATHS CONNECTIONS DURATION COUNT [wrk options]: COUNT=statuses also counts answers by status.
run() {
  local label=$1 paths=$2 connections=$3 duration=$4 count=$5; shift 5
  echo
  echo "== $label: $connections connections, $THREADS threads, $duration"
  wrk -t"$THREADS" -c"$connections" -d"$duration" --latency "$@" -s "$HERE/paths.lua" "$URL" -- "$WORK/$paths.txt" "$count" | tee "$WORK/$label.out"
  grep -E '^(summary|answers)' "$WORK/$label.out" | sed "s/^summary:/RESULT $label:/; s/^answers/RESULT $label answers/" >> "$WORK/results.txt"
}

echo
echo "== cores: $(nproc); load average before: $(cut -d' ' -f1-3 /proc/loadavg); server: $URL; wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
echo "RESULT load-before: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$WORK/results.txt"

if [[ "$PARTS" == *" bare "* ]]; then
echo
echo "== bare minimal API (the machine's limit)"
start_bare
warm bare 3s
run bare bare "$CONNECTIONS" "$DURATION" -
stop_server
fi

if [[ "$PARTS" == *" cached "* ]]; then
echo
echo "== SocBridge API (rate limiting off for throughput runs, request logging $([[ "$LOG_REQUESTS" == 1 ]] && echo on || echo at Warning))"
start_server main --Api:RateLimit:Enabled=false
warm lookup; warm map; warm search; warm code 20s; warm compat-code; warm compat-search 10s
for p in lookup map search code compat-code compat-search; do
  run "$p-compressed" "$p" "$CONNECTIONS" "$DURATION" - -H "$COMPRESSED"
  run "$p-plain" "$p" "$CONNECTIONS" "$DURATION" -
done
curl -fsS "$URL/health/ready" > /dev/null && echo "ready after the runs: ok"
if [[ "$EXTRA" == 1 ]]; then
  run overload lookup "$OVERLOAD_CONNECTIONS" "$DURATION" statuses --timeout 10s
  curl -fsS "$URL/health" > /dev/null && echo "health after overload: ok"
  run recovery lookup "$CONNECTIONS" 5s -
fi
stop_server
fi

if [[ "$PARTS" == *" uncached "* ]]; then
echo
echo "== search and coding without the response cache (every answer computed afresh), compressed"
start_server nocache --Api:RateLimit:Enabled=false --Api:ResponseCacheMegabytes=0
warm search 3s
run search-uncached search "$CONNECTIONS" "$DURATION" - -H "$COMPRESSED"
run code-uncached code "$CONNECTIONS" "$DURATION" - -H "$COMPRESSED" --timeout 10s
stop_server
fi

if [[ "$EXTRA" == 1 ]]; then
  echo
  echo "== production rate limit (200 requests/s per client, bursts of 400) with one client overloading"
  start_server ratelimit --Api:RateLimit:Enabled=true
  run ratelimited lookup "$CONNECTIONS" 10s statuses
  stop_server
fi

echo "RESULT load-after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$WORK/results.txt"
echo
echo "== results"
cat "$WORK/results.txt"
