#!/usr/bin/env bash
# Memory under hostile input: how far the worst inputs a caller can send raise the resident memory of the Db server
# (SQLite, and PostgreSQL when Debian's postgresql is installed), the Jira server and the gateway in front of them, above
# their idle size. Each input goes through the gateway (2026-07-28 requests, loopback development mode, no tokens),
# ROUNDS times, PARALLEL at once. The peak is the kernel's high-water mark (VmHWM), reset after warming up, so a
# short spike between samples counts too. The goal: every process under 64 MB above idle.
#
#   bash bench/hostile-memory.sh
#   ROUNDS=20 PARALLEL=8 bash bench/hostile-memory.sh
#   ONLY=pg- bash bench/hostile-memory.sh          # only the inputs whose name matches (an extended regex)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh
shopt -s lastpipe  # `... | add NAME TOOL` records the input in this shell

ROUNDS=${ROUNDS:-10}
PARALLEL=${PARALLEL:-4}
GOAL_MB=64
work=$(mktemp -d)
chmod 755 "$work"
pids=()
pg_ctl_bin=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$pg_ctl_bin" ] && runuser -u postgres -- "$pg_ctl_bin" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

for project in EnterpriseMcp.Tools.Db EnterpriseMcp.Tools.Jira EnterpriseMcp.Gateway; do
  dotnet build -c Release "$project" -nologo -v q >/dev/null
done

declare -A url pid
start() { # start NAME DLL [VAR=value ...]: runs a service of ours on a free port, remembering its URL and process id
  local name=$1 dll=$2; shift 2
  url[$name]="http://127.0.0.1:$(free_port)"
  env Logging__LogLevel__Default=Warning "$@" dotnet "$dll" --urls "${url[$name]}" >"$work/$name.log" 2>&1 &
  pid[$name]=$!; pids+=($!)
  wait_for "${url[$name]}/alive"
}

start jira EnterpriseMcp.Tools.Jira/bin/Release/net10.0/EnterpriseMcp.Tools.Jira.dll Jira__Embedded__DatabasePath="$work/jira.db"
start db EnterpriseMcp.Tools.Db/bin/Release/net10.0/EnterpriseMcp.Tools.Db.dll Db__EmbeddedDatabasePath="$work/sample.db"
backends=(Gateway__Backends__jira__Url="${url[jira]}/mcp" Gateway__Backends__db__Url="${url[db]}/mcp")

# PostgreSQL: a throwaway cluster, with the read role the Db README describes, when the Debian package is there.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$pg_bin" ] && [ "$(id -u)" = 0 ]; then
  pg_port=$(free_port)
  install -d -o postgres -g postgres "$work/pg"
  runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  pg_ctl_bin="$pg_bin/pg_ctl"
  "$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -f bench/hostile-memory.sql >/dev/null
  start pg EnterpriseMcp.Tools.Db/bin/Release/net10.0/EnterpriseMcp.Tools.Db.dll \
    ConnectionStrings__db="Host=127.0.0.1;Port=$pg_port;Username=mcp_app;Password=app-password;Database=postgres" \
    Db__ReadOnlyRole=mcp_reader
  backends+=(Gateway__Backends__pg__Url="${url[pg]}/mcp")
else
  echo "(no PostgreSQL: apt-get install postgresql, and run as root, to include it)"
fi
start gateway EnterpriseMcp.Gateway/bin/Release/net10.0/EnterpriseMcp.Gateway.dll "${backends[@]}"


# body TOOL FILE: a 2026-07-28 tools/call request body, with the arguments (JSON) read from standard input, written to FILE.
body() {
  python3 -c 'import json, sys; print(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
    "params": {"name": sys.argv[1], "arguments": json.load(sys.stdin), "_meta": {
      "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}}}))' \
    "$1" >"$2"
}
# call TOOL FILE: POSTs the body in FILE to the gateway; prints the start of the answer and the HTTP status.
call() {
  curl -s -m 60 "$GATEWAY_URL/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/call' -H "Mcp-Name: $1" --data-binary "@$2" \
    -w ' HTTP %{http_code}' | tr '\n' ' ' | cut -c 1-200
  echo
}
export -f call
export GATEWAY_URL=${url[gateway]}

inputs=()
add() {
  local name=$1 tool=$2
  body "$tool" "$work/$name.json"
  [[ $name =~ ${ONLY:-.} ]] && inputs+=("$name:$tool")
  return 0
}
echo '{"key": "DEMO-1"}' | add jira-huge-comments jira__get_issue
python3 -c 'import json; print(json.dumps({"jql": "(" * 200000 + "project = DEMO" + ")" * 200000}))' | add jira-deep-jql jira__search_issues
python3 -c 'import json; print(json.dumps({"jql": " OR ".join(["project = DEMO"] * 12000)}))' | add jira-12000-ors jira__search_issues
python3 -c 'import json; print(json.dumps({"jql": "summary ~ " + "x" * 1000000}))' | add jira-1mb-jql jira__search_issues
echo '{"sql": "SELECT randomblob(100000000)"}' | add sqlite-randomblob db__query
echo '{"sql": "SELECT zeroblob(1000000000)"}' | add sqlite-zeroblob db__query
echo '{"sql": "SELECT printf('"'%.*c'"', 100000000, '"'x'"')"}' | add sqlite-printf db__query
echo '{"sql": "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n LIMIT 10000000) SELECT group_concat(x) FROM n"}' | add sqlite-group-concat db__query
echo '{"sql": "PRAGMA hard_heap_limit = 100000"}' | add sqlite-heap-pragma db__query
echo '{"sql": "SELECT 1; WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"}' | add sqlite-explain-trick db__explain
if [ -n "${url[pg]:-}" ]; then
  echo '{"sql": "SELECT repeat('"'x'"', 40000000)"}' | add pg-repeat pg__query
  echo '{"sql": "SELECT a.i, b.i, c.i FROM generate_series(1, 1000) a(i), generate_series(1, 1000) b(i), generate_series(1, 1000) c(i)", "max_rows": 1000}' | add pg-cross-join pg__query
  echo '{"sql": "SELECT repeat('"'y'"', 1000000) FROM generate_series(1, 1000)", "max_rows": 1000}' | add pg-wide-rows pg__query
  echo '{"sql": "ANALYZE SELECT pg_sleep(2)"}' | add pg-explain-analyze pg__explain
fi

kb() { awk -v f="$2" '$1 == f":" {print $2}' "/proc/$1/status"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# Warm up with ordinary calls (JIT, pools, caches), then take the idle size and reset the high-water marks.
echo '{"jql": "project = DEMO", "max_results": 5}' | body jira__search_issues "$work/normal-jira.json"
echo '{"sql": "SELECT * FROM employees"}' | body db__query "$work/normal-db.json"
echo '{"sql": "SELECT * FROM employees"}' | body pg__query "$work/normal-pg.json"
normal=(jira__search_issues:normal-jira db__query:normal-db)
[ -n "${url[pg]:-}" ] && normal+=(pg__query:normal-pg)
# As many at once as the attack will send, so that connection pools and buffers are as large when idle.
for _ in $(seq 1 10); do
  for n in "${normal[@]}"; do
    seq 1 "$PARALLEL" | xargs -P "$PARALLEL" -I{} bash -c 'call "$0" "$1" >/dev/null' "${n%%:*}" "$work/${n#*:}.json"
  done
done
# Ten 3 MB comments on DEMO-1 (the tracker's database exists once it has answered), written straight into it (as data
# synced from elsewhere would be), past whatever add_comment accepts.
python3 - "$work/jira.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for i in range(10):
    db.execute("INSERT INTO comments (issue_key, author, body, created) VALUES ('DEMO-1', 'mallory', ?, '2026-01-01T00:00:00Z')",
               ("x" * 3_000_000,))
db.commit()
EOF
sleep 2
declare -A idle
for name in "${!pid[@]}"; do idle[$name]=$(kb "${pid[$name]}" VmRSS); echo 5 >"/proc/${pid[$name]}/clear_refs"; done

echo "hostile inputs through the gateway, $ROUNDS rounds each, $PARALLEL at once:"
for input in "${inputs[@]}"; do
  name=${input%%:*}; tool=${input#*:}
  printf '  %-22s %s\n' "$name" "$(call "$tool" "$work/$name.json" | cut -c 1-150)"
  seq 1 $((ROUNDS - 1)) | xargs -P "$PARALLEL" -I{} bash -c 'call "$0" "$1" >/dev/null' "$tool" "$work/$name.json" || true
done

printf '\n%-8s %10s %10s %12s %10s\n' process "idle MB" "peak MB" "peak - idle" "after MB"
worst=0 died=0
for name in gateway db pg jira; do
  [ -n "${pid[$name]:-}" ] || continue
  kill -0 "${pid[$name]}" 2>/dev/null || { printf '%-8s died (see its log above)\n' "$name"; died=1; continue; }
  peak=$(kb "${pid[$name]}" VmHWM); now=$(kb "${pid[$name]}" VmRSS); growth=$((peak - idle[$name]))
  [ "$growth" -gt "$worst" ] && worst=$growth
  printf '%-8s %10s %10s %12s %10s\n' "$name" "$(mb "${idle[$name]}")" "$(mb "$peak")" "$(mb "$growth")" "$(mb "$now")"
done
awk -v w="$worst" -v g="$GOAL_MB" -v d="$died" 'BEGIN { printf "\nlargest rise above idle: %.1f MB (goal: under %d MB, no process dying): %s\n", w / 1024, g, (w / 1024 < g && d == 0 ? "met" : "NOT met") }'
