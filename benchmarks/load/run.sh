#!/usr/bin/env bash
# Load test of the SocBridge HTTP API on this machine's loopback only.
#
# Starts the API (Release build) on 127.0.0.1, then runs bounded wrk runs:
#   lookup   GET /v1/soc/{2010|2020}/{code}            every unit group of both editions in turn
#   map      GET /v1/soc/{2010|2020}/{code}/map?weights= every unit group x lfs/census/pooled
#   search   GET /v1/search?q=                          a fixed sample of coding-index titles
#   overload far more connections than cores, then a short run to show recovery
#   search (no response cache)  the search engine itself, every query computed afresh
#   rate limit on               the production setting: one client far over its budget gets 429
# and prints requests/s and latency percentiles for each. Every run is bounded in time and the
# server is stopped at the end, whatever happens.
#
# Settings (environment): DURATION (15s), CONNECTIONS (16), THREADS (1: wrk shares the machine's cores), OVERLOAD_CONNECTIONS (2000),
# PORT (5090), LOG_REQUESTS (0: request logging at Warning; 1: one JSON log line per request).
set -euo pipefail

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
OVERLOAD_CONNECTIONS=${OVERLOAD_CONNECTIONS:-2000}
PORT=${PORT:-5090}
LOG_REQUESTS=${LOG_REQUESTS:-0}

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

echo "== publishing the API (Release) to a temporary folder"
dotnet publish "$ROOT/src/SocBridge.Api/SocBridge.Api.csproj" -c Release -o "$WORK/app" -v q -nologo | tail -n 3
BIN="$WORK/app"

# Request paths, from the committed release.
awk -F, 'NR > 1 && $2 == 4 { print "/v1/soc/2010/" $1 }' "$ROOT/crosswalks/soc2010_groups.csv" > "$WORK/lookup.txt"
awk -F, 'NR > 1 && $2 == 4 { print "/v1/soc/2020/" $1 }' "$ROOT/crosswalks/soc2020_groups.csv" >> "$WORK/lookup.txt"
for w in lfs census pooled; do sed "s|\$|/map?weights=$w|" "$WORK/lookup.txt"; done > "$WORK/map.txt"
# Every 97th coding-index title made only of letters and spaces, as a search query.
awk -F, 'NR > 1 && !/"/ && $8 ~ /^[A-Za-z][A-Za-z ]+$/ { if (++n % 97 == 0) { q = tolower($8); gsub(/ /, "%20", q); print "/v1/search?q=" q } }' \
  "$ROOT/crosswalks/coding_index.csv" > "$WORK/search.txt"
echo "paths: $(wc -l < "$WORK/lookup.txt") lookups, $(wc -l < "$WORK/map.txt") maps, $(wc -l < "$WORK/search.txt") searches"

start_server() {
  local label=$1; shift
  local log_level=Warning
  [[ "$LOG_REQUESTS" == 1 ]] && log_level=Information
  # Run from the published folder so its appsettings.json (JSON console logs) applies, as in a container.
  (cd "$BIN" && exec dotnet SocBridge.Api.dll --urls "$URL" \
      "--Logging:LogLevel:SocBridge.Api.Requests=$log_level" "$@" > "$WORK/server-$label.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "$URL/health" > /dev/null 2>&1; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server-$label.log"; echo "the server exited"; exit 1; }
    sleep 0.5
  done
  echo "the server did not answer /health within 60 s"; exit 1
}

warm() {
  # One pass over every path (fills the response cache and the JIT) before measuring.
  wrk -t1 -c8 -d5s -s "$HERE/paths.lua" "$URL" -- "$WORK/$1.txt" > /dev/null
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
echo "== cores: $(nproc); server: $URL (rate limiting off for throughput runs, request logging $([[ "$LOG_REQUESTS" == 1 ]] && echo on || echo at Warning))"
start_server main --Api:RateLimit:Enabled=false
for p in lookup map search; do warm "$p"; done

run lookup lookup "$CONNECTIONS" "$DURATION" -
run map map "$CONNECTIONS" "$DURATION" -
run search search "$CONNECTIONS" "$DURATION" -
run overload lookup "$OVERLOAD_CONNECTIONS" "$DURATION" statuses --timeout 10s
curl -fsS "$URL/health" > /dev/null && echo "health after overload: ok"
run recovery lookup "$CONNECTIONS" 5s -
stop_server

echo
echo "== search without the response cache (every query computed afresh)"
start_server nocache --Api:RateLimit:Enabled=false --Api:ResponseCacheMegabytes=0
warm search
run search-uncached search "$CONNECTIONS" "$DURATION" -
stop_server

echo
echo "== production rate limit (200 requests/s per client, bursts of 400) with one client overloading"
start_server ratelimit --Api:RateLimit:Enabled=true
run ratelimited lookup "$CONNECTIONS" 10s statuses
stop_server

echo
echo "== results"
cat "$WORK/results.txt"
