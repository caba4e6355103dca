#!/usr/bin/env bash
# What the gateway's backend hop costs: tools/call on the conformance fixture directly, and through a gateway
# whose only backend is that fixture (empty prefix, so the same request works on both). 2026-07-28 requests,
# SSE answers, wrk at CONNECTIONS connections. No authentication (bench/gateway-auth-overhead.sh has it). A third
# case, through bench/PassThroughProxy (which only copies bytes both ways), is the ceiling of any hop on this machine:
# what is left between it and the gateway is what the gateway does with each message.
# Bounded: DURATION seconds per case (default 10) after WARMUP seconds (default 15).
#
#   bash bench/gateway-overhead.sh
#   CONNECTIONS=16 DURATION=5 bash bench/gateway-overhead.sh
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

dotnet build -c Release tests/EnterpriseMcp.Conformance.Server -nologo -v q >/dev/null
dotnet build -c Release EnterpriseMcp.Gateway -nologo -v q >/dev/null
dotnet build -c Release bench/PassThroughProxy -nologo -v q >/dev/null
backend="http://127.0.0.1:$(free_port)"; gateway="http://127.0.0.1:$(free_port)"; proxy="http://127.0.0.1:$(free_port)"

env Logging__LogLevel__Default=Warning \
  dotnet tests/EnterpriseMcp.Conformance.Server/bin/Release/net10.0/EnterpriseMcp.Conformance.Server.dll --urls "$backend" \
  >"$work/backend.log" 2>&1 & pids+=($!)
wait_for "$backend/alive"
env Logging__LogLevel__Default=Warning Gateway__Backends__fixture__Url="$backend/mcp" Gateway__Backends__fixture__Prefix= \
  dotnet EnterpriseMcp.Gateway/bin/Release/net10.0/EnterpriseMcp.Gateway.dll --urls "$gateway" >"$work/gateway.log" 2>&1 & pids+=($!)
wait_for "$gateway/alive"
BACKEND="$backend/mcp" dotnet bench/PassThroughProxy/bin/Release/net10.0/PassThroughProxy.dll --urls "$proxy" >"$work/proxy.log" 2>&1 & pids+=($!)
wait_for "$proxy/mcp"

call='"method":"tools/call","params":{"name":"test_simple_text","arguments":{}'
meta='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}'
body="{\"jsonrpc\":\"2.0\",\"id\":1,$call,$meta}}"
lua "$work/call.lua" "$body" "MCP-Protocol-Version: 2026-07-28" "Mcp-Method: tools/call" "Mcp-Name: test_simple_text"
for url in "$backend/mcp" "$gateway/mcp" "$proxy/mcp"; do
  answer=$(curl -s "$url" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/call' -H 'Mcp-Name: test_simple_text' -d "$body")
  grep -q 'simple text response' <<<"$answer" || { echo "$url did not answer the call: $answer" >&2; exit 1; }
done

declare -A rate p99

echo "tools/call (2026-07-28), over loopback, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores shared by wrk, gateway and backend"
wrk_case "backend directly" "$backend/mcp"
wrk_case "through the gateway" "$gateway/mcp"
wrk_case "through a bare proxy" "$proxy/mcp"
awk -v d="${rate[backend directly]}" -v g="${rate[through the gateway]}" -v pd="${p99[backend directly]}" -v pg="${p99[through the gateway]}" \
  'BEGIN { printf "through the gateway: %.0f%% of the direct throughput (goal: at least 50%%), p99 %+.1f ms (goal: at most +2 ms)\n", 100 * g / d, pg - pd }'
awk -v d="${rate[backend directly]}" -v p="${rate[through a bare proxy]}" -v pd="${p99[backend directly]}" -v pp="${p99[through a bare proxy]}" \
  'BEGIN { printf "through a bare proxy (the ceiling of a hop): %.0f%% of the direct throughput, p99 %+.1f ms\n", 100 * p / d, pp - pd }'
