# Shared by the bench scripts (sourced).

# free_port: a TCP port free on 127.0.0.1 right now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# lua FILE BODY HEADER...: a wrk script that POSTs BODY as an MCP client would, with the extra "Name: value" headers.
lua() {
  local file=$1 body=$2; shift 2
  { echo 'wrk.method = "POST"'; printf "wrk.body = [[%s]]\n" "$body"
    echo 'wrk.headers["Content-Type"] = "application/json"'
    echo 'wrk.headers["Accept"] = "application/json, text/event-stream"'
    for h in "$@"; do printf 'wrk.headers["%s"] = "%s"\n' "${h%%:*}" "${h#*: }"; done; } >"$file"
}

# wait_for URL: waits up to 20 s for URL to answer at all; exits the script if it never does.
wait_for() { for _ in $(seq 1 100); do curl -s -o /dev/null "$1" && return; sleep 0.2; done; echo "$1 did not answer" >&2; exit 1; }

# ms DURATION: a wrk duration (850us, 1.2ms, 2s) in milliseconds.
ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; print v }' <<<"$1"; }

# wrk_case NAME URL [LUA]: warms up, then loads URL with the wrk script LUA (default $work/call.lua) at $CONNECTIONS
# connections for $DURATION seconds; prints one line and keeps the rate and p99 (ms) in rate[NAME] and p99[NAME],
# associative arrays the caller declares.
wrk_case() {
  local script=${3:-$work/call.lua}
  wrk -t1 -c4 -d"${WARMUP:-15}s" -s "$script" "$2" >/dev/null 2>&1
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$2")
  rate[$1]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99[$1]=$(ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
  printf '%-28s %10s req/s   p50 %8s   p99 %8s%s\n' "$1" "${rate[$1]}" "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" "$(grep -q Non-2xx <<<"$out" && echo '   (non-2xx answers!)')"
}
