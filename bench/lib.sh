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
