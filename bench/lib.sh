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
  [ "${WARMUP:-15}" = 0 ] || wrk -t1 -c4 -d"${WARMUP:-15}s" -s "$script" "$2" >/dev/null 2>&1
  local before; before=$(cpu_ticks)
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$2")
  local after; after=$(cpu_ticks)
  rate[$1]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99[$1]=$(ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
  printf '%-28s %10s req/s   p50 %8s   p99 %8s%s\n' "$1" "${rate[$1]}" "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" "$(grep -q Non-2xx <<<"$out" && echo '   (non-2xx answers!)')"
  [ -z "$before" ] || cpu_per_call "$before" "$after" "$(awk '/requests in/ {print $1}' <<<"$out")"
}

# cpu_ticks: "name=ticks ..." of user plus system CPU for each process named in CPU_OF, an associative array
# (name -> pid) the caller may declare; nothing when it is unset.
cpu_ticks() {
  declare -p CPU_OF >/dev/null 2>&1 || return 0
  local name
  for name in "${!CPU_OF[@]}"; do
    awk -v n="$name" '{ sub(/^.*\) /, ""); printf "%s=%d ", n, $12 + $13 }' "/proc/${CPU_OF[$name]}/stat" 2>/dev/null || true
  done
}

# cpu_per_call BEFORE AFTER REQUESTS: each process's CPU time per call over the measured run, in microseconds; a
# measure that moves less from run to run than throughput does on a shared two-core machine.
cpu_per_call() {
  awk -v b="$1" -v a="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(b, bs, " "); for (i in bs) { split(bs[i], kv, "="); start[kv[1]] = kv[2] }
    split(a, as, " "); line = ""
    for (i in as) { split(as[i], kv, "="); if (kv[1] in start) line = line sprintf("   %s %.0f", kv[1], (kv[2] - start[kv[1]]) * 1e6 / hz / n) }
    if (n > 0) printf "%28s CPU per call (us):%s\n", "", line
  }'
}

# medians: reads rounds of numbers, one round a line, and prints the median of each column on one line.
medians() {
  awk '
  { for (i = 1; i <= NF; i++) v[i, NR] = $i; n = NF }
  END {
    for (i = 1; i <= n; i++) { # the median of each ratio over the rounds
      k = 0; for (r = 1; r <= NR; r++) a[++k] = v[i, r]
      for (x = 1; x <= k; x++) for (y = x + 1; y <= k; y++) if (a[y] < a[x]) { t = a[x]; a[x] = a[y]; a[y] = t }
      m[i] = (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? " " : ""), m[i]
    print ""
  }'
}
