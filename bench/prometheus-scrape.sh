#!/usr/bin/env bash
# What a Prometheus scrape costs a service, and whether promtool accepts what it gets: PrometheusScrape/ serves SERIES
# (default 300) histogram series of mcp.server.operation.duration, as many of a counter, and the runtime, Kestrel and
# ASP.NET Core meters, after some HTTP traffic. For each exposition path (PATHS, default /metrics; the commit that
# compared our own exposition with OpenTelemetry's also served /metrics-package): the lines and bytes of one scrape,
# every `promtool check metrics` lint, then in each of ROUNDS rounds wrk at 1 connection (scrapes back to back, as one
# Prometheus would, only faster) for DURATION seconds: scrapes/s, p50, p99, and the server's CPU per scrape (us).
# Needs wrk and promtool (Debian: wrk, prometheus).
#
#   bash bench/prometheus-scrape.sh
#   SERIES=1000 ROUNDS=3 bash bench/prometheus-scrape.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh

SERIES=${SERIES:-300}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
ROUNDS=${ROUNDS:-2}
PATHS=${PATHS:-/metrics}
for tool in wrk promtool; do command -v "$tool" >/dev/null || { echo "$tool is missing (Debian: wrk, prometheus)" >&2; exit 1; }; done
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release bench/PrometheusScrape -nologo -v q >/dev/null
base="http://127.0.0.1:$(free_port)"
dotnet bench/PrometheusScrape/bin/Release/net10.0/PrometheusScrape.dll --urls "$base" --series "$SERIES" >"$work/server.log" 2>&1 &
server_pid=$!
wait_for "$base/alive"
for _ in $(seq 1 50); do curl -s -o /dev/null "$base/ping"; done
declare -A CPU_OF=([server]=$server_pid)

# scrape_case PATH: wrk with one connection (lib.sh's wrk_case uses two threads, so at least two connections).
scrape_case() {
  [ "$WARMUP" = 0 ] || wrk -t1 -c1 -d"${WARMUP}s" "$base$1" >/dev/null 2>&1
  local before after out
  before=$(cpu_ticks)
  out=$(wrk -t1 -c1 -d"${DURATION}s" --latency "$base$1")
  after=$(cpu_ticks)
  printf '%-18s %8s scrapes/s   p50 %8s   p99 %8s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
  cpu_per_call "$before" "$after" "$(awk '/requests in/ {print $1}' <<<"$out")"
}

echo "$SERIES histogram series, $(nproc) cores shared by server and wrk"
for path in $PATHS; do
  curl -s "$base$path" >"$work/scrape.txt"
  printf '%-18s %6d lines %8d bytes   promtool lints: ' "$path" "$(wc -l <"$work/scrape.txt")" "$(wc -c <"$work/scrape.txt")"
  lints=$(promtool check metrics <"$work/scrape.txt" 2>&1 || true)
  if [ -z "$lints" ]; then echo none; else echo "$(wc -l <<<"$lints")"; sed 's/^/    /' <<<"$lints"; fi
done
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round"
  for path in $PATHS; do
    scrape_case "$path"
  done
  WARMUP=0
done
