#!/usr/bin/env bash
# What the gateway costs with identity on: jira__get_issue through a gateway that validates the caller's JWT, applies
# its policy and presents Jira a token exchanged for Jira's audience (cached), against get_issue called on the Jira
# tool server directly with a token for Jira. Both servers validate tokens against the development authorization
# server (EnterpriseMcp.Identity). Tokens come from client credentials of the gateway's own client (`mcp-gateway`, which
# holds jira.read): one for the gateway, one for Jira. 2026-07-28 requests, SSE answers, wrk at CONNECTIONS
# connections; the gateway runs with its own appsettings.json (its default policy). Bounded: DURATION seconds per case (default 10) after WARMUP seconds (default 15).
#
#   bash bench/gateway-auth-overhead.sh
#   CONNECTIONS=16 DURATION=5 bash bench/gateway-auth-overhead.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -d EnterpriseMcp.Identity/node_modules ] || (cd EnterpriseMcp.Identity && npm ci --no-audit --no-fund >/dev/null)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release EnterpriseMcp.Tools.Jira -nologo -v q >/dev/null
dotnet build -c Release EnterpriseMcp.Gateway -nologo -v q >/dev/null
identity="http://127.0.0.1:$(free_port)"; jira="http://127.0.0.1:$(free_port)"; gateway="http://127.0.0.1:$(free_port)"

node EnterpriseMcp.Identity/server.mjs --port "${identity##*:}" --data "$work/identity" \
  --resource "gateway=$gateway/mcp" --resource "jira=$jira/mcp" >"$work/identity.log" 2>&1 & pids+=($!)
wait_for "$identity/alive"
env Logging__LogLevel__Default=Warning Mcp__Auth__Authority="$identity" Mcp__Auth__Resource="$jira/mcp" \
  Jira__Embedded__DatabasePath="$work/jira.db" \
  dotnet EnterpriseMcp.Tools.Jira/bin/Release/net10.0/EnterpriseMcp.Tools.Jira.dll --urls "$jira" >"$work/jira.log" 2>&1 & pids+=($!)
wait_for "$jira/alive"
env Logging__LogLevel__Default=Warning Mcp__Auth__Authority="$identity" Mcp__Auth__Resource="$gateway/mcp" \
  Gateway__Identity__ClientId=mcp-gateway Gateway__Identity__ClientSecret=mcp-gateway-dev-secret \
  Gateway__Backends__jira__Url="$jira/mcp" \
  dotnet EnterpriseMcp.Gateway/bin/Release/net10.0/EnterpriseMcp.Gateway.dll --urls "$gateway" --contentRoot "$PWD/EnterpriseMcp.Gateway" >"$work/gateway.log" 2>&1 & pids+=($!)
wait_for "$gateway/alive"

token() { # token RESOURCE: a client-credentials token of mcp-gateway for RESOURCE
  curl -s -u mcp-gateway:mcp-gateway-dev-secret "$identity/token" -d grant_type=client_credentials -d "resource=$1" -d scope=jira.read |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
meta='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}'
body() { echo "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"$1\",\"arguments\":{\"key\":\"DEMO-1\"},$meta}}"; }
for case in "jira:$jira:get_issue" "gateway:$gateway:jira__get_issue"; do
  name=${case%%:*}; rest=${case#*:}; tool=${rest##*:}; url=${rest%:*}
  bearer=$(token "$url/mcp")
  lua "$work/$name.lua" "$(body "$tool")" "MCP-Protocol-Version: 2026-07-28" "Mcp-Method: tools/call" "Mcp-Name: $tool" \
    "Authorization: Bearer $bearer"
  answer=$(curl -s "$url/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/call' -H "Mcp-Name: $tool" -H "Authorization: Bearer $bearer" -d "$(body "$tool")")
  grep -q '"key":"DEMO-1"' <<<"$answer" || { echo "$url did not answer the call: $answer" >&2; exit 1; }
done

declare -A rate p99
echo "tools/call get_issue (2026-07-28, JWT on every request), over loopback, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores shared by wrk, identity, gateway and Jira"
wrk_case "Jira directly" "$jira/mcp" "$work/jira.lua"
wrk_case "through the gateway" "$gateway/mcp" "$work/gateway.lua"
awk -v d="${rate[Jira directly]}" -v g="${rate[through the gateway]}" -v pd="${p99[Jira directly]}" -v pg="${p99[through the gateway]}" \
  'BEGIN { printf "through the gateway: %.0f%% of the direct throughput (goal: at least 50%%), p99 %+.1f ms (goal: at most +2 ms)\n", 100 * g / d, pg - pd }'
