#!/usr/bin/env bash
# Admin mode paging through 100,000 users: how long each page of the user list takes, from the
# model's fetchMore to its loaded signal, through AdminClient over TLS to twofold-server (SQLite).
# In the same run, the same driver fetches a static file holding the exact bytes of one 200-user
# page from nginx over TLS with the same certificate, as many times as there were pages: that is
# this machine's floor for moving such a page, and the twofold figure is printed as a ratio to it.
#   tests/bench/bench_adminpaging.sh [BUILD_DIR]     (default build/release; builds nothing)
# Needs bench_adminpaging and twofold-server built (cmake --preset release) and nginx
# (Debian's nginx-light). Settings (environment): USERS=100000 RUNS=20 (runs per filter).
# Figures are printed, never asserted.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

build=$(cd "${1:-$root/build/release}" && pwd)
server_bin="$build/app/twofold-server/twofold-server"
driver_bin="$build/tests/bench/bench_adminpaging"
for bin in "$server_bin" "$driver_bin"; do
    [[ -x $bin ]] || { echo "$bin is missing: cmake --preset release && cmake --build build/release --target bench_adminpaging twofold-server" >&2; exit 1; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $nginx_bin ]] || { echo "nginx is missing: run installer/install-deps.sh" >&2; exit 1; }

users=${USERS:-100000}
runs=${RUNS:-20}

work=$(mktemp -d)
chmod 0755 "$work" # nginx's worker may run as another user and must read the page file
server_pid=""
nginx_pid=""
cleanup() {
    if [[ -n $server_pid ]]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [[ -n $nginx_pid ]]; then
        "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" \
            -s stop 2>/dev/null || kill "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- twofold-server with an admin, then USERS users -------------------------------------------
data="$work/data"
"$server_bin" init --data "$data" --listen 127.0.0.1:0 >"$work/init.log" 2>&1 \
    || { cat "$work/init.log" >&2; exit 1; }
init_line() { grep -m1 "^$1" "$work/init.log" | cut -d: -f2- | xargs; }
fingerprint=$(init_line 'Certificate SHA-256 fingerprint:')
admin=$(init_line 'First administrator:')
password=$(init_line 'Password:')
otpauth=$(grep -m1 -o '^otpauth://[^[:space:]]*' "$work/init.log")
[[ -n $fingerprint && -n $admin && -n $password && -n $otpauth ]] \
    || { echo "could not read the admin's sign-in from twofold-server init" >&2; exit 1; }

"$server_bin" serve --data "$data" --listen 127.0.0.1:0 2>"$work/server.log" &
server_pid=$!
port=""
for _ in $(seq 100); do
    port=$(grep -m1 '"event":"listening"' "$work/server.log" | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
    [[ -n $port ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
done
[[ -n $port ]] || { echo "twofold-server did not say where it listens" >&2; exit 1; }

# One sign-in (a TOTP code is accepted once): the driver fills, pages and writes the page file.
mkdir -p "$work/www"
chmod 0755 "$work/www"
"$driver_bin" --url "https://127.0.0.1:$port" --fingerprint "$fingerprint" --username "$admin" \
    --password "$password" --otpauth "$otpauth" --fill "$users" --page-out "$work/www/page.json" \
    --runs "$runs" | tee "$work/twofold.txt" | grep -v '^RESULT'

kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""
chmod 0644 "$work/www/page.json"

# --- nginx: the page's bytes as a static file, same certificate --------------------------------
mkdir -p "$work/nginx"
nginx_port=$(free_port)
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    keepalive_requests 100000000;
    server {
        listen 127.0.0.1:$nginx_port ssl;
        ssl_certificate $data/tls.crt;
        ssl_certificate_key $data/tls.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        root $work/www;
        default_type application/json;
    }
}
EOF
"$nginx_bin" -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
static_url="https://127.0.0.1:$nginx_port/page.json"
for _ in $(seq 100); do
    curl -sf --cacert "$data/tls.crt" -o "$work/check.json" "$static_url" 2>/dev/null && break
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/error.log" >&2; exit 1; }
    sleep 0.1
done
cmp -s "$work/check.json" "$work/www/page.json" \
    || { echo "nginx does not serve the page's bytes" >&2; exit 1; }

pages=$(awk '$1 == "RESULT" && $2 == "page200" { print $3 }' "$work/twofold.txt")
"$driver_bin" --static "$static_url" --fingerprint "$fingerprint" --count "$pages" \
    | tee "$work/static.txt" | grep -v '^RESULT'

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '
    $1 == "RESULT" { p50[$2] = $4; p99[$2] = $5 }
    END {
        t = p50["page200"]; s = p50["static"]
        printf "page fetch: twofold p50 %.2f ms vs nginx static p50 %.2f ms (%.1fx)\n", t, s,
               (s > 0 ? t / s : 0)
        printf "page fetch: twofold p99 %.2f ms vs nginx static p99 %.2f ms (%.1fx)\n",
               p99["page200"], p99["static"], (p99["static"] > 0 ? p99["page200"] / p99["static"] : 0)
    }' "$work/twofold.txt" "$work/static.txt"
