#!/usr/bin/env bash
# Idle 2025-11-25 sessions spread over three gateway replicas that share one Redis: what each session costs in Redis,
# and whether the replicas stay flat (a hibernated session should live only in Redis). Starts redis-server without
# persistence, the conformance fixture as the only backend, three gateway replicas (Release), and bench/SessionOpener,
# which opens SESSIONS sessions round-robin over the replicas (no load balancer: it spreads them itself). Reads Redis's
# used_memory and DBSIZE and each replica's resident size at baseline (after a warm-up), right after opening, and after
# the sessions have hibernated and their initialize streams expired. Bounded: about SESSIONS / 1000 s to open (this
# machine) plus SETTLE seconds (default 15).
#
#   bash bench/scale-out-sessions.sh              # 100,000 sessions
#   SESSIONS=10000 bash bench/scale-out-sessions.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/lib.sh

SESSIONS=${SESSIONS:-100000}
SETTLE=${SETTLE:-15}
CONCURRENCY=${CONCURRENCY:-48}
command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

for project in tests/EnterpriseMcp.Conformance.Server EnterpriseMcp.Gateway bench/SessionOpener; do
  dotnet build -c Release "$project" -nologo -v q >/dev/null
done

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 & pids+=($!)
redis() { redis-cli -p "$redis_port" "$@"; }
for _ in $(seq 1 50); do redis ping >/dev/null 2>&1 && break; sleep 0.1; done

backend="http://127.0.0.1:$(free_port)"
env Logging__LogLevel__Default=Warning \
  dotnet tests/EnterpriseMcp.Conformance.Server/bin/Release/net10.0/EnterpriseMcp.Conformance.Server.dll --urls "$backend" \
  >"$work/backend.log" 2>&1 & pids+=($!)
wait_for "$backend/alive"

# Anonymous loopback callers are one user, so the per-user limit (100 by default) must allow them all.
replicas=(); replica_pids=()
for i in 1 2 3; do
  url="http://127.0.0.1:$(free_port)"
  env Logging__LogLevel__Default=Warning ConnectionStrings__redis="127.0.0.1:$redis_port" \
    Gateway__Backends__fixture__Url="$backend/mcp" Gateway__Backends__fixture__Prefix= Gateway__Audit__Path="$work/audit$i.db" \
    Mcp__Http__HibernateAfter=00:00:02 Mcp__Http__EventRetention=00:00:01 Mcp__Http__SweepInterval=00:00:01 \
    Mcp__Http__MaxSessionsPerUser=$((SESSIONS * 2)) \
    dotnet EnterpriseMcp.Gateway/bin/Release/net10.0/EnterpriseMcp.Gateway.dll --urls "$url" >"$work/gateway$i.log" 2>&1 & pids+=($!)
  replicas+=("$url/mcp"); replica_pids+=($!)
done
for url in "${replicas[@]}"; do wait_for "${url%/mcp}/alive"; done

open() { dotnet bench/SessionOpener/bin/Release/net10.0/SessionOpener.dll "$1" "$CONCURRENCY" "${replicas[@]}"; }
used_memory() { redis info memory | awk -F: '$1=="used_memory" {print $2+0}'; }
rss_kb() { awk '$1=="VmRSS:" {print $2}' "/proc/$1/status"; }
# The managed heap after the last collection, from the replica's /metrics; made a full one first where dotnet-trace is
# installed (a session with the GC heap collect keyword induces a blocking gen2 collection), otherwise the last gen0's,
# which counts garbage not collected yet. `dotnet tool install -g dotnet-trace` puts it in ~/.dotnet/tools.
PATH=$PATH:$HOME/.dotnet/tools
command -v dotnet-trace >/dev/null || echo "dotnet-trace is missing: heaps are read without a full collection first" >&2
heap_kb() {
  command -v dotnet-trace >/dev/null && dotnet-trace collect -p "$1" --providers Microsoft-Windows-DotNETRuntime:0x800000:4 \
    --duration 00:00:00:01 -o "$work/gc.nettrace" >/dev/null 2>&1
  curl -s "$2/metrics" | awk '/^dotnet_gc_last_collection_heap_size_bytes/ {n += $2} END {print int(n / 1024)}'
}
# Every command Redis ran, by name ("evalsha 3"), the commands its scripts ran included.
commandstats() { redis info commandstats | awk -F'[_:=,]' '/^cmdstat_/ {print $2, $4}'; }
reading() {   # NAME: keeps Redis's memory, its key count and each replica's RSS and heap under NAME, and prints them
  mem[$1]=$(used_memory); keys[$1]=$(redis dbsize)
  local i; for i in 0 1 2; do
    rss[$1,$i]=$(rss_kb "${replica_pids[$i]}"); heap[$1,$i]=$(heap_kb "${replica_pids[$i]}" "${replicas[$i]%/mcp}")
  done
  printf '%-18s redis used_memory %7.1f MB, keys %7d; replicas RSS %6.1f %6.1f %6.1f MB, heap %6.1f %6.1f %6.1f MB\n' "$1" \
    "$(mb $((mem[$1] / 1024)))" "${keys[$1]}" "$(mb "${rss[$1,0]}")" "$(mb "${rss[$1,1]}")" "$(mb "${rss[$1,2]}")" \
    "$(mb "${heap[$1,0]}")" "$(mb "${heap[$1,1]}")" "$(mb "${heap[$1,2]}")"
}
mb() { awk -v k="$1" 'BEGIN {print k / 1024}'; }
declare -A mem keys rss heap

# Warm-up: JIT, pools and the backend session of each replica, then long enough to hibernate and sweep those sessions.
open 3000 >/dev/null
sleep 6
echo "$SESSIONS idle 2025-11-25 sessions over three gateway replicas (HibernateAfter 2 s, EventRetention 1 s), one Redis, $(nproc) cores"
reading baseline
commandstats >"$work/commands.before"
open "$SESSIONS"
commandstats >"$work/commands.after"
reading "after opening"
sleep "$SETTLE"
# Redis's active expiry samples a few keys at a time, so 100,000 streams ending within a second linger in memory for a
# while; a SCAN expires every key it meets that is past its time, as a longer wait would.
redis --scan >/dev/null
reading "after ${SETTLE}s idle"

awk -v b="${mem[baseline]}" -v o="${mem[after opening]}" -v s="${mem[after ${SETTLE}s idle]}" -v n="$SESSIONS" 'BEGIN {
  printf "Redis: %.0f bytes/session after opening, %.0f bytes/session idle (goal: under 2048)\n", (o - b) / n, (s - b) / n }'
awk -v b="${keys[baseline]}" -v s="${keys[after ${SETTLE}s idle]}" -v n="$SESSIONS" 'BEGIN { printf "Redis keys: %.2f per idle session\n", (s - b) / n }'
awk -v n="$SESSIONS" 'NR == FNR {before[$1] = $2; next} {d = $2 - before[$1]; total += d; if (d >= n / 10) line = line sprintf(" %s %.1f", $1, d / n)}
  END {printf "Redis commands while opening, per session (initialize + initialized; scripts'"'"' own included): %.1f:%s\n", total / n, line}' \
  "$work/commands.before" "$work/commands.after"
# What is left per idle session, by kind of key ("emcp:session:ID" is a session), with one sample key's size.
echo "keys by kind after idling (count, MEMORY USAGE of one):"
redis --scan | awk -F: '{ kind = $1 ":" $2; n[kind]++; if (!(kind in sample)) sample[kind] = $0 } END { for (k in n) print k, n[k], sample[k] }' |
  sort | while read -r kind count sample; do printf '  %-28s %8d  %5s bytes\n' "$kind" "$count" "$(redis memory usage "$sample")"; done
idle="after ${SETTLE}s idle"
for i in 0 1 2; do
  awk -v i=$((i + 1)) -v b="${rss[baseline,$i]}" -v o="${rss[after opening,$i]}" -v s="${rss[$idle,$i]}" -v hb="${heap[baseline,$i]}" \
    -v hs="${heap[$idle,$i]}" -v n="$SESSIONS" 'BEGIN { printf "replica %d: RSS %+.1f MB after opening, %+.1f MB idle (%.2f KB per session it opened, a third); " \
    "heap %+.1f MB idle (%.2f KB per session)\n", i, (o - b) / 1024, (s - b) / 1024, (s - b) / (n / 3), (hs - hb) / 1024, (hs - hb) / (n / 3) }'
done
