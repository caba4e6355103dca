#!/usr/bin/env bash
# Throughput and latency of the MCP hosting layer alone (no authentication yet): tools/call on the
# conformance fixture server over loopback, for a 2026-07-28 stateless request and for a request in
# a 2025-11-25 session. Needs wrk (Debian package). Bounded: DURATION seconds per case (default 10).
#
#   bash bench/hosting-throughput.sh            # 64 connections, 2 wrk threads
#   CONNECTIONS=16 DURATION=5 WARMUP=10 bash bench/hosting-throughput.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release tests/EnterpriseMcp.Conformance.Server -nologo -v q >/dev/null
port=$(free_port)
base="http://127.0.0.1:$port"

start_server() {
  [ -n "$server_pid" ] && { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; }
  env Logging__LogLevel__Default=Warning "$@" dotnet tests/EnterpriseMcp.Conformance.Server/bin/Release/net10.0/EnterpriseMcp.Conformance.Server.dll \
    --urls "$base" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -sf "$base/alive" >/dev/null && return; sleep 0.2; done
  echo "server did not start" >&2; exit 1
}

# wrk_case NAME LUA: a warm-up, then the measured run. The warm-up runs at low concurrency: on two
# busy cores the tiered JIT's background compiles starve, and a short hot warm-up measures tier-0 code.
wrk_case() {
  wrk -t1 -c4 -d"${WARMUP:-15}s" -s "$2" "$base/mcp" >/dev/null 2>&1
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$2" "$base/mcp")
  printf '%-44s %10s req/s   p50 %8s   p99 %8s%s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" "$(grep -q Non-2xx <<<"$out" && echo '   (non-2xx answers!)')"
}


meta='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}'
lua "$work/stateless.lua" "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"test_simple_text\",\"arguments\":{},$meta}}" \
  "MCP-Protocol-Version: 2026-07-28" "Mcp-Method: tools/call" "Mcp-Name: test_simple_text"

echo "tools/call over loopback, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores shared with wrk"
start_server
wrk_case "2026-07-28 stateless, SSE answer" "$work/stateless.lua"

session=$(curl -s -D - -o /dev/null "$base/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
  -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
  | awk 'tolower($1)=="mcp-session-id:" {print $2}' | tr -d '\r')
curl -s -o /dev/null "$base/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
  -H "Mcp-Session-Id: $session" -H 'MCP-Protocol-Version: 2025-11-25' -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
lua "$work/session.lua" '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"test_simple_text","arguments":{}}}' \
  "MCP-Protocol-Version: 2025-11-25" "Mcp-Session-Id: $session"
wrk_case "2025-11-25 one session, SSE answer" "$work/session.lua"

start_server Mcp__Http__ResponseMode=Json
wrk_case "2026-07-28 stateless, JSON answer" "$work/stateless.lua"
