#!/usr/bin/env bash
# tools/call throughput of a tool server that validates a JWT on every request: ours (the hosting layer plus
# AddMcpResourceServer, on the conformance fixture) against the TypeScript SDK server written the usual way
# (bench/ts-baseline: Express, jose, a new McpServer per request). Both check an RS256 token from the same
# local issuer, both answer the same tool with an SSE response. Needs wrk and Node 20. Bounded: DURATION
# seconds per case (default 10).
#
#   bash bench/tool-server-jwt.sh
#   CONNECTIONS=16 DURATION=5 WARMUP=10 bash bench/tool-server-jwt.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

(cd bench/ts-baseline && { [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null; })
dotnet build -c Release tests/EnterpriseMcp.Conformance.Server -nologo -v q >/dev/null
issuer_port=$(free_port); ours_port=$(free_port); ts_port=$(free_port)
issuer="http://127.0.0.1:$issuer_port"; ours="http://127.0.0.1:$ours_port"; ts="http://127.0.0.1:$ts_port"

node bench/ts-baseline/issuer.mjs "$issuer_port" "$work/tokens" "$ours/mcp" "$ts/mcp" & pids+=($!)
wait_for "$issuer/jwks"
ours_token=$(sed -n 1p "$work/tokens"); ts_token=$(sed -n 2p "$work/tokens")

env Logging__LogLevel__Default=Warning Mcp__Http__SessionMode=Stateless \
  Mcp__Auth__Authority="$issuer" Mcp__Auth__Resource="$ours/mcp" \
  dotnet tests/EnterpriseMcp.Conformance.Server/bin/Release/net10.0/EnterpriseMcp.Conformance.Server.dll --urls "$ours" \
  >"$work/ours.log" 2>&1 & pids+=($!)
node bench/ts-baseline/server.mjs "$ts_port" "$issuer" "$ts/mcp" >"$work/ts.log" 2>&1 & pids+=($!)
wait_for "$ours/alive"; wait_for "$ts/mcp"

call='"method":"tools/call","params":{"name":"test_simple_text","arguments":{}'
meta='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}'
lua "$work/ours-2026.lua" "{\"jsonrpc\":\"2.0\",\"id\":1,$call,$meta}}" "Authorization: Bearer $ours_token" \
  "MCP-Protocol-Version: 2026-07-28" "Mcp-Method: tools/call" "Mcp-Name: test_simple_text"
lua "$work/ours-2025.lua" "{\"jsonrpc\":\"2.0\",\"id\":1,$call}}" "Authorization: Bearer $ours_token" "MCP-Protocol-Version: 2025-11-25"
lua "$work/ts-2025.lua" "{\"jsonrpc\":\"2.0\",\"id\":1,$call}}" "Authorization: Bearer $ts_token" "MCP-Protocol-Version: 2025-11-25"

# Each server must answer the call (and refuse a missing token) before it is measured.
check() { # check URL LUA-TOKEN
  local answer; answer=$(curl -s "$1" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H "Authorization: Bearer $2" -H 'MCP-Protocol-Version: 2025-11-25' -d "{\"jsonrpc\":\"2.0\",\"id\":1,$call}}")
  grep -q 'simple text response' <<<"$answer" || { echo "$1 did not answer the call: $answer" >&2; exit 1; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" -H 'Content-Type: application/json' -d '{}')" = 401 ] || { echo "$1 accepted a request without a token" >&2; exit 1; }
}
check "$ours/mcp" "$ours_token"; check "$ts/mcp" "$ts_token"

declare -A rate
wrk_case() { # wrk_case NAME URL LUA
  wrk -t1 -c4 -d"${WARMUP:-15}s" -s "$3" "$2" >/dev/null 2>&1
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$3" "$2")
  rate[$1]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  printf '%-40s %10s req/s   p50 %8s   p99 %8s%s\n' "$1" "${rate[$1]}" "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" "$(grep -q Non-2xx <<<"$out" && echo '   (non-2xx answers!)')"
}

echo "tools/call with a JWT, over loopback, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores shared with wrk"
wrk_case "TypeScript SDK baseline (2025-11-25)" "$ts/mcp" "$work/ts-2025.lua"
wrk_case "ours, 2025-11-25 stateless" "$ours/mcp" "$work/ours-2025.lua"
wrk_case "ours, 2026-07-28" "$ours/mcp" "$work/ours-2026.lua"
awk -v a="${rate[ours, 2025-11-25 stateless]}" -v b="${rate[ours, 2026-07-28]}" -v t="${rate[TypeScript SDK baseline (2025-11-25)]}" \
  'BEGIN { printf "ratio to the baseline: %.1fx (2025-11-25), %.1fx (2026-07-28); the goal is 15x\n", a / t, b / t }'
