#!/usr/bin/env bash
# Warm start of the Aspire AppHost: from starting its built assembly to every resource healthy (the AppHost's own
# "All resources healthy N s after the AppHost started" line, counted from its process start time), then how long
# SIGTERM takes until no process of the run is left (DCP and the dashboard included). Every resource on a free port,
# the dashboard too, one data folder for all runs (the first run, not counted, creates keys and databases).
#
#   bench/apphost-start.sh [RUNS]     (default 5; needs Node 22 or later first on the PATH)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh
RUNS=${1:-5}
DLL=${DLL:-EnterpriseMcp.AppHost/bin/Release/net10.0/EnterpriseMcp.AppHost.dll}
DATA=$(mktemp -d /tmp/apphost-start-XXXXXX)
LOG=$DATA/run.log
trap 'rm -rf "$DATA"' EXIT
dotnet build EnterpriseMcp.AppHost -c Release -nologo -v q >/dev/null

run_once() {
  local marker="apphost-bench-$RANDOM$RANDOM" pid started stopped
  : >"$LOG"
  ENTERPRISEMCP_BENCH_RUN=$marker ASPNETCORE_URLS="http://localhost:$(free_port)" \
    ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:$(free_port)" ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
    DOTNET_ENVIRONMENT=Development setsid dotnet "$DLL" --free-ports --data "$DATA" \
    --Parameters:gateway-client-secret=bench-secret-0123456789abcdef0123 >"$LOG" 2>&1 </dev/null &
  pid=$!
  for _ in $(seq 1 1200); do grep -q 'Press Ctrl+C to stop everything.' "$LOG" && break; sleep 0.1; done
  started=$(sed -nE 's/.*All resources healthy ([0-9.]+) s after the AppHost started.*/\1/p' "$LOG")
  local t0; t0=$(date +%s.%N)
  kill -TERM "$pid"
  while grep -lq "$marker" /proc/[0-9]*/environ 2>/dev/null; do sleep 0.1; done
  stopped=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  wait "$pid" 2>/dev/null || true
  echo "${started:-none} $stopped $(cut -d' ' -f1 /proc/loadavg)"
}

run_once >/dev/null
echo "| run | all healthy (s) | stopped, nothing left (s) | load |"
echo "|---|---|---|---|"
for i in $(seq 1 "$RUNS"); do
  read -r started stopped load < <(run_once)
  echo "| $i | $started | $stopped | $load |"
done
