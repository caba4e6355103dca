#!/usr/bin/env bash
# What keeping sessions and event streams in Redis costs one gateway replica: tools/call through a gateway in front of
# the conformance fixture, with the in-memory stores (no ConnectionStrings:redis) and with the Redis ones (a local
# redis-server without persistence), both gateways up side by side and loaded one after the other within each round.
# Three requests: in one 2025-11-25 session (SSE answer; the session lives in the store); spread round-robin over MANY
# (default 500) such sessions, so that each is used a few times a second and a replica asks Redis about each about once
# a second; and 2026-07-28 stateless (no shared state; Redis is only used by rate limits, and none are configured). Then, with wrk at
# 4 connections for a few seconds, the commands Redis ran per call, by name (those its scripts ran included).
# Bounded: WARMUP (default 15) seconds per case in the first round, DURATION (default 10) per case in each of ROUNDS.
#
#   bash bench/scale-out-throughput.sh
#   ROUNDS=3 bash bench/scale-out-throughput.sh    # medians of the ratios taken within each round
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh

DURATION=${DURATION:-10}
MANY=${MANY:-500}
CONNECTIONS=${CONNECTIONS:-64}
ROUNDS=${ROUNDS:-1}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release tests/EnterpriseMcp.Conformance.Server -nologo -v q >/dev/null
dotnet build -c Release EnterpriseMcp.Gateway -nologo -v q >/dev/null

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 & pids+=($!)
redis() { redis-cli -p "$redis_port" "$@"; }
for _ in $(seq 1 50); do redis ping >/dev/null 2>&1 && break; sleep 0.1; done

backend="http://127.0.0.1:$(free_port)"; memory="http://127.0.0.1:$(free_port)"; shared="http://127.0.0.1:$(free_port)"
env Logging__LogLevel__Default=Warning \
  dotnet tests/EnterpriseMcp.Conformance.Server/bin/Release/net10.0/EnterpriseMcp.Conformance.Server.dll --urls "$backend" \
  >"$work/backend.log" 2>&1 & pids+=($!)
wait_for "$backend/alive"
start_gateway() {   # URL [VAR=value...]
  local url=$1; shift
  env Logging__LogLevel__Default=Warning Gateway__Backends__fixture__Url="$backend/mcp" Gateway__Backends__fixture__Prefix= \
    Gateway__Audit__Path="$work/audit-${url##*:}.db" Mcp__Http__MaxSessionsPerUser=$((MANY + 10)) "$@" \
    dotnet EnterpriseMcp.Gateway/bin/Release/net10.0/EnterpriseMcp.Gateway.dll --urls "$url" >"$work/gateway-${url##*:}.log" 2>&1 & pids+=($!)
}
start_gateway "$memory"
start_gateway "$shared" ConnectionStrings__redis="127.0.0.1:$redis_port"
wait_for "$memory/alive"; wait_for "$shared/alive"

headers=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
open_session() {   # URL: a 2025-11-25 session on it, initialized
  local id
  id=$(curl -s -D - -o /dev/null "$1/mcp" "${headers[@]}" \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
    | awk 'tolower($1)=="mcp-session-id:" {print $2}' | tr -d '\r')
  curl -s -o /dev/null "$1/mcp" "${headers[@]}" -H "Mcp-Session-Id: $id" -H 'MCP-Protocol-Version: 2025-11-25' \
    -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  echo "$id"
}
call='"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"test_simple_text","arguments":{}'
for url in "$memory" "$shared"; do
  lua "$work/session-${url##*:}.lua" "{$call}}" "MCP-Protocol-Version: 2025-11-25" "Mcp-Session-Id: $(open_session "$url")"
done
# many_sessions URL: a wrk script that spreads the call over MANY sessions opened on URL, one after another.
many_sessions() {
  local file="$work/many-${1##*:}.lua"
  lua "$file" "{$call}}" "MCP-Protocol-Version: 2025-11-25"
  { echo 'local ids = {'; for _ in $(seq 1 "$MANY"); do printf '"%s",\n' "$(open_session "$1")"; done; echo '}'
    echo 'local turn = 0'
    echo 'request = function() turn = turn % #ids + 1; wrk.headers["Mcp-Session-Id"] = ids[turn]; return wrk.format() end'; } >>"$file"
}
for url in "$memory" "$shared"; do many_sessions "$url"; done
meta='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}'
lua "$work/stateless.lua" "{$call,$meta}}" "MCP-Protocol-Version: 2026-07-28" "Mcp-Method: tools/call" "Mcp-Name: test_simple_text"
for url in "$memory" "$shared"; do
  for script in "$work/session-${url##*:}.lua" "$work/many-${url##*:}.lua" "$work/stateless.lua"; do
    answer=$(wrk -t1 -c1 -d1s -s "$script" "$url/mcp" | awk '/Non-2xx/ {print "non-2xx"}')
    [ -z "$answer" ] || { echo "$url answered $script with errors" >&2; exit 1; }
  done
done

# redis_per_call NAME URL LUA: a few seconds at 4 connections; Redis's commands per call, by name, from INFO commandstats.
commandstats() { redis info commandstats | awk -F'[_:=,]' '/^cmdstat_/ {print $2, $4}'; }
# MONITOR shows which of them the gateway sent (a client's address) and which its scripts ran ("lua"): the round trips.
redis_per_call() {
  commandstats >"$work/before"
  redis-cli -p "$redis_port" monitor >"$work/monitor" 2>/dev/null & local monitor=$!
  local calls; calls=$(wrk -t1 -c4 -d3s -s "$3" "$2" | awk '/requests in/ {print $1}')
  kill "$monitor"; wait "$monitor" 2>/dev/null || true
  commandstats >"$work/after"
  awk -v n="$calls" -v name="$1" 'NR == FNR {before[$1] = $2; next} {d = $2 - before[$1]; total += d; if (d >= n / 20) line = line sprintf(" %s %.1f", $1, d / n)}
    END {printf "%-28s Redis commands per call: %.1f:%s\n", name, total / n, line}' "$work/before" "$work/after"
  awk -v n="$calls" '/\[[0-9]+ [0-9.]+:[0-9]+\]/ { sent++; c = tolower($4); gsub(/"/, "", c); by[c]++ }
    END { for (c in by) if (by[c] >= n / 20) line = line sprintf(" %s %.1f", c, by[c] / n); printf "%28s of them sent by the gateway (round trips at most): %.1f:%s\n", "", sent / n, line }' "$work/monitor"
}

declare -A rate p99 CPU_OF=([backend]=${pids[1]} [memory]=${pids[2]} [redis-gateway]=${pids[3]} [redis]=${pids[0]})
echo "tools/call through one gateway replica, in-memory stores against Redis ones, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores shared by wrk, gateways, backend and Redis"
summaries=()
for round in $(seq 1 "$ROUNDS"); do
  [ "$ROUNDS" = 1 ] || echo "round $round of $ROUNDS"
  wrk_case "2025 session, in memory" "$memory/mcp" "$work/session-${memory##*:}.lua"
  wrk_case "2025 session, Redis" "$shared/mcp" "$work/session-${shared##*:}.lua"
  wrk_case "2025, $MANY sessions, in memory" "$memory/mcp" "$work/many-${memory##*:}.lua"
  wrk_case "2025, $MANY sessions, Redis" "$shared/mcp" "$work/many-${shared##*:}.lua"
  wrk_case "2026 stateless, in memory" "$memory/mcp" "$work/stateless.lua"
  wrk_case "2026 stateless, Redis" "$shared/mcp" "$work/stateless.lua"
  WARMUP=0 # the processes stay up: one warm-up is enough
  summaries+=("$(awk -v sm="${rate[2025 session, in memory]}" -v sr="${rate[2025 session, Redis]}" -v tm="${rate[2026 stateless, in memory]}" \
    -v tr="${rate[2026 stateless, Redis]}" -v mm="${rate[2025, $MANY sessions, in memory]}" -v mr="${rate[2025, $MANY sessions, Redis]}" \
    'BEGIN { printf "%.0f %.0f %.0f", 100 * sr / sm, 100 * tr / tm, 100 * mr / mm }')")
done
printf '%s\n' "${summaries[@]}" | medians | awk -v rounds="$ROUNDS" -v many="$MANY" '{
    label = rounds > 1 ? sprintf(" (medians of %d rounds)", rounds) : ""
    printf "with Redis%s: the 2025 session case at %d%% of in-memory (goal: at least 90%%), over %d sessions at %d%%, 2026 stateless at %d%%\n", label, $1, many, $3, $2
  }'
redis_per_call "2025 session, Redis" "$shared/mcp" "$work/session-${shared##*:}.lua"
redis_per_call "2025, $MANY sessions, Redis" "$shared/mcp" "$work/many-${shared##*:}.lua"
redis_per_call "2026 stateless, Redis" "$shared/mcp" "$work/stateless.lua"
