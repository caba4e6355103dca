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
