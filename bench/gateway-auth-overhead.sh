#!/usr/bin/env bash
# What the gateway costs with its whole pipeline on: jira__get_issue through a gateway that validates the caller's JWT,
# applies its policy and a rate limit (one bucket per caller, set high enough never to refuse), records the call in its
# audit log (SQLite, durable before the answer) and presents Jira a token exchanged for Jira's audience (cached); the
# same gateway restarted with the audit off; get_issue called on the Jira tool server directly with a token for Jira;
# through bench/PassThroughProxy (bytes copied both ways, the token passed on), the ceiling of any hop; and through the
# same proxy as the floor of any gateway (Floor.cs: the caller's JWT validated and a durable audit record kept per call,
# by the gateway's own code for each), and with each of the two alone. Every server validates tokens against the
# development authorization server (EnterpriseMcp.Identity). Tokens come from client credentials of the gateway's own client (`mcp-gateway`, which
# holds jira.read): one for the gateway, one for Jira. 2026-07-28 requests, SSE answers, wrk at CONNECTIONS
# connections; the gateway runs with its own appsettings.json (its default policy). Bounded: DURATION seconds per case (default 10) after WARMUP seconds (default 15).
#
#   bash bench/gateway-auth-overhead.sh
#   CONNECTIONS=16 DURATION=5 bash bench/gateway-auth-overhead.sh
#   ROUNDS=3 bash bench/gateway-auth-overhead.sh   # every case again in each round (warm-up in the first only); medians
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
ROUNDS=${ROUNDS:-1}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -d EnterpriseMcp.Identity/node_modules ] || (cd EnterpriseMcp.Identity && npm ci --no-audit --no-fund >/dev/null)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release EnterpriseMcp.Tools.Jira -nologo -v q >/dev/null
dotnet build -c Release EnterpriseMcp.Gateway -nologo -v q >/dev/null
dotnet build -c Release bench/PassThroughProxy -nologo -v q >/dev/null
identity="http://127.0.0.1:$(free_port)"; jira="http://127.0.0.1:$(free_port)"; gateway="http://127.0.0.1:$(free_port)"
gateway_off="http://127.0.0.1:$(free_port)"
proxy="http://127.0.0.1:$(free_port)"; floor="http://127.0.0.1:$(free_port)"
floor_jwt="http://127.0.0.1:$(free_port)"; floor_audit="http://127.0.0.1:$(free_port)"

# The development server's own configuration, except that the benchmark's client may obtain tokens for the gateway too:
# a real client would get them by a user's login, which a load generator cannot do.
python3 -c 'import json, sys; c = json.load(open(sys.argv[1])); c["resources"]["gateway"]["clients"].append("mcp-gateway"); json.dump(c, sys.stdout)' \
  EnterpriseMcp.Identity/identity.json >"$work/identity.json"
node EnterpriseMcp.Identity/server.mjs --port "${identity##*:}" --data "$work/identity" --config "$work/identity.json" \
  --resource "gateway=$gateway/mcp" --resource "jira=$jira/mcp" >"$work/identity.log" 2>&1 & pids+=($!)
wait_for "$identity/alive"
env Logging__LogLevel__Default=Warning Mcp__Auth__Authority="$identity" Mcp__Auth__Resource="$jira/mcp" \
  Jira__Embedded__DatabasePath="$work/jira.db" \
  dotnet EnterpriseMcp.Tools.Jira/bin/Release/net10.0/EnterpriseMcp.Tools.Jira.dll --urls "$jira" >"$work/jira.log" 2>&1 & pids+=($!)
wait_for "$jira/alive"
start_gateway() { # start_gateway URL AUDIT_ENABLED: a gateway at URL; both take tokens for the first one's resource
  env Logging__LogLevel__Default=Warning Mcp__Auth__Authority="$identity" Mcp__Auth__Resource="$gateway/mcp" \
    Gateway__Identity__ClientId=mcp-gateway Gateway__Identity__ClientSecret=mcp-gateway-dev-secret \
    Gateway__Backends__jira__Url="$jira/mcp" Gateway__Audit__Enabled="$2" Gateway__Audit__Path="$work/audit.db" \
    Gateway__RateLimits__Rules__0__Name=per-caller Gateway__RateLimits__Rules__0__Per=Caller \
    Gateway__RateLimits__Rules__0__PermitsPerMinute=100000000 Gateway__RateLimits__Rules__0__Burst=1000000 \
    dotnet EnterpriseMcp.Gateway/bin/Release/net10.0/EnterpriseMcp.Gateway.dll --urls "$1" --contentRoot "$PWD/EnterpriseMcp.Gateway" \
    >>"$work/gateway.log" 2>&1 & pids+=($!)
  wait_for "$1/alive"
}
start_gateway "$gateway" true
start_gateway "$gateway_off" false
start_proxy() { # start_proxy URL [VAR=value...]: PassThroughProxy at URL, with the floor's parts the variables turn on
  local url=$1; shift
  env BACKEND="$jira/mcp" "$@" dotnet bench/PassThroughProxy/bin/Release/net10.0/PassThroughProxy.dll --urls "$url" \
    >>"$work/proxy.log" 2>&1 & pids+=($!)
  wait_for "$url/mcp"
}
start_proxy "$proxy"
# The floor of any gateway: the same proxy validating the caller's JWT (for Jira's audience: it passes the token on) and
# keeping one durable audit record per call with the gateway's own code for each (Floor.cs); and each half alone.
jwt=(Mcp__Auth__Authority="$identity" Mcp__Auth__Resource="$jira/mcp")
start_proxy "$floor" "${jwt[@]}" AUDIT_DB="$work/floor-audit.db"
start_proxy "$floor_jwt" "${jwt[@]}"
start_proxy "$floor_audit" AUDIT_DB="$work/floor-audit-only.db"

token() { # token RESOURCE: a client-credentials token of mcp-gateway for RESOURCE
  curl -s -u mcp-gateway:mcp-gateway-dev-secret "$identity/token" -d grant_type=client_credentials -d "resource=$1" -d scope=jira.read |
    python3 -c 'import json, sys; text = sys.stdin.read(); answer = json.loads(text); print(answer["access_token"]) if "access_token" in answer else sys.exit("no token: " + text)'
}
meta='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}'
body() { echo "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"$1\",\"arguments\":{\"key\":\"DEMO-1\"},$meta}}"; }
for case in "jira:$jira:get_issue" "gateway:$gateway:jira__get_issue" "gateway_off:$gateway_off:jira__get_issue" \
  "proxy:$proxy:get_issue" "floor:$floor:get_issue" \
  "floor_jwt:$floor_jwt:get_issue" "floor_audit:$floor_audit:get_issue"; do
  name=${case%%:*}; rest=${case#*:}; tool=${rest##*:}; url=${rest%:*}
  # The proxies pass the client's token on: it is Jira's.
  bearer=$(token "$([[ $name = proxy || $name = floor* ]] && echo "$jira" || echo "${url/$gateway_off/$gateway}")/mcp")
  lua "$work/$name.lua" "$(body "$tool")" "MCP-Protocol-Version: 2026-07-28" "Mcp-Method: tools/call" "Mcp-Name: $tool" \
    "Authorization: Bearer $bearer"
  answer=$(curl -s "$url/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/call' -H "Mcp-Name: $tool" -H "Authorization: Bearer $bearer" -d "$(body "$tool")")
  grep -q '"key":"DEMO-1"' <<<"$answer" || { echo "$url did not answer the call: $answer" >&2; exit 1; }
done

declare -A rate p99 CPU_OF=([identity]=${pids[0]} [jira]=${pids[1]} [gateway]=${pids[2]} [gateway_off]=${pids[3]}
  [proxy]=${pids[4]} [floor]=${pids[5]} [floor_jwt]=${pids[6]} [floor_audit]=${pids[7]})
echo "tools/call get_issue (2026-07-28, JWT on every request), over loopback, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores shared by wrk, identity, gateway and Jira"
summaries=()
for round in $(seq 1 "$ROUNDS"); do
  [ "$ROUNDS" = 1 ] || echo "round $round of $ROUNDS"
  wrk_case "Jira directly" "$jira/mcp" "$work/jira.lua"
  wrk_case "through the gateway" "$gateway/mcp" "$work/gateway.lua"
  wrk_case "through a bare proxy" "$proxy/mcp" "$work/proxy.lua"
  wrk_case "the floor: proxy+JWT+audit" "$floor/mcp" "$work/floor.lua"
  wrk_case "proxy + JWT only" "$floor_jwt/mcp" "$work/floor_jwt.lua"
  wrk_case "proxy + audit only" "$floor_audit/mcp" "$work/floor_audit.lua"
  wrk_case "the gateway, audit off" "$gateway_off/mcp" "$work/gateway_off.lua"
  WARMUP=0 # the processes stay up: one warm-up is enough
  # One line of ratios per round, within the round: rounds differ more than cases within one round do.
  summaries+=("$(awk -v d="${rate[Jira directly]}" -v g="${rate[through the gateway]}" -v p="${rate[through a bare proxy]}" \
    -v u="${rate[the gateway, audit off]}" -v f="${rate[the floor: proxy+JWT+audit]}" -v fj="${rate[proxy + JWT only]}" \
    -v fa="${rate[proxy + audit only]}" -v pd="${p99[Jira directly]}" -v pg="${p99[through the gateway]}" -v pu="${p99[the gateway, audit off]}" \
    'BEGIN { printf "%.0f %.0f %.0f %.0f %.0f %.0f %.0f %.1f %.1f", 100*g/d, 100*g/p, 100*f/p, 100*f/d, 100*g/f, 100*fj/p, 100*fa/p, pg-pd, pg-pu; if (u > 0) printf " %.0f", 100*(1-g/u) }')")
done
printf '%s\n' "${summaries[@]}" | medians | awk -v rounds="$ROUNDS" '{
    label = rounds > 1 ? sprintf(" (medians of %d rounds)", rounds) : ""
    printf "through the gateway%s: %.0f%% of the direct throughput (goal: at least 50%%), %.0f%% of the bare proxy (goal: at least 90%%), p99 %+.1f ms\n", label, $1, $2, $8
    printf "the floor (bare proxy + JWT validation + audit record): %.0f%% of the bare proxy and %.0f%% of direct; the gateway is %.0f%% of the floor\n", $3, $4, $5
    printf "  its parts: the bare proxy with JWT validation only %.0f%% of it, with the audit record only %.0f%%\n", $6, $7
    printf "the audit: %.0f%% of the gateway'"'"'s throughput, p99 %+.1f ms (a call waits for its group commit'"'"'s disk sync)\n", $10, $9
  }'
