#!/usr/bin/env bash
# Push approval, measured end to end against a real twofold-server (see bench_push.cpp):
#  - latency: with LATENCY_DEVICES PushDevices connected (long polls parked), ROUNDS sign-ins one
#    at a time, Duo auth(factor=push, async=1) -> the device approves at once -> auth_status
#    "allow"; p50/p99/max. Peer in the same run: nginx's static 200 over TLS, same certificate.
#  - capacity: device long polls (plain TLS sockets sending the signed poll) opened up to each of
#    STEPS on a freshly started server; its RSS and RSS per held poll. Peer in the same run: nginx
#    holding the same number of idle keep-alive TLS connections, its worker's RSS.
#   tests/bench/bench_push.sh [BUILD_DIR]     (default build/release; builds nothing)
# Needs bench_push, make_bench_users and twofold-server built (cmake --preset release) and nginx.
# Targets (printed, never asserted): p50 < 5 ms, p99 < 50 ms; 10,000 devices under 300 MB RSS.
# Settings (environment): LATENCY_DEVICES=1000 ROUNDS=2000 STEPS=1000,2500,5000,10000
#   MODES="latency capacity" HOLD=0 (latency: that many more device long polls, held by plain
#   sockets rather than PushDevices, to tell the server's cost of many connections from the
#   client's; e.g. LATENCY_DEVICES=10 HOLD=990 ROUNDS=50)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$root/build/release}" && pwd)
server_bin="$build/app/twofold-server/twofold-server"
bench_bin="$build/tests/bench/bench_push"
users_bin="$build/tests/bench/make_bench_users"
for bin in "$server_bin" "$bench_bin" "$users_bin"; do
    [[ -x $bin ]] || { echo "$bin is missing: cmake --preset release && cmake --build build/release" >&2; exit 1; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $nginx_bin ]] || { echo "nginx is missing: run installer/install-deps.sh" >&2; exit 1; }

latency_devices=${LATENCY_DEVICES:-1000}
rounds=${ROUNDS:-2000}
steps=${STEPS:-1000,2500,5000,10000}
modes=${MODES:-latency capacity}
hold=${HOLD:-0}
devices=$(tr ',' '\n' <<<"$steps" | sort -n | tail -n1)
((devices < latency_devices + hold)) && devices=$((latency_devices + hold))

# Each held poll is a socket on both sides, and the client holds them all in one process.
want_files=$((devices * 2 + 1024))
if (($(ulimit -n) < want_files)); then
    ulimit -n "$want_files" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi

work=$(mktemp -d)
server_pid=""
nginx_pid=""
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "open files $(ulimit -n)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

dir="$work/server"
"$server_bin" init --data "$dir" --listen 127.0.0.1:0 >"$work/init.log" 2>&1 \
    || { cat "$work/init.log" >&2; exit 1; }
"$server_bin" app add Bench --data "$dir" >"$work/app.txt"
ikey=$(awk '/^ikey:/ {print $2}' "$work/app.txt")
skey=$(awk '/^skey:/ {print $2}' "$work/app.txt")
"$users_bin" "$dir" --push "$devices" "$work/devices.txt"

# --- nginx: a static 200 and idle keep-alive connections, over TLS with the server's certificate
nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile $want_files;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections $((devices + 1024)); }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    keepalive_requests 100000000;
    keepalive_timeout 600s;
    server {
        listen 127.0.0.1:$nginx_port ssl;
        ssl_certificate $dir/tls.crt;
        ssl_certificate_key $dir/tls.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        location / { return 200 "ok\n"; }
    }
}
EOF
"$nginx_bin" -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
nginx_worker=""
for _ in $(seq 100); do
    nginx_worker=$(pgrep -P "$nginx_pid" | head -n1 || true)
    [[ -n $nginx_worker ]] && break
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/error.log" >&2; exit 1; }
    sleep 0.1
done
echo "nginx: $("$nginx_bin" -v 2>&1 | cut -d/ -f2), 1 worker (twofold-server serves on one thread)"

start_server() {
    "$server_bin" serve --data "$dir" --listen 127.0.0.1:0 2>"$work/server.log" &
    server_pid=$!
    port=""
    for _ in $(seq 100); do
        port=$(grep -m1 '"event":"listening"' "$work/server.log" | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
        [[ -n $port ]] && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
        sleep 0.1
    done
    [[ -n $port ]] || { echo "twofold-server did not say where it listens" >&2; exit 1; }
}
stop_server() {
    kill "$server_pid"
    wait "$server_pid" || true
    server_pid=""
}

common=(--ca "$dir/tls.crt" --devices "$work/devices.txt" --nginx-port "$nginx_port")
status=0
for mode in $modes; do
    echo
    # A fresh server for each mode, so that capacity starts from an idle process.
    start_server
    case $mode in
    latency)
        "$bench_bin" --mode latency "${common[@]}" --server-port "$port" --server-pid "$server_pid" \
            --ikey "$ikey" --skey "$skey" --count "$latency_devices" --rounds "$rounds" --hold "$hold" || status=1
        ;;
    capacity)
        "$bench_bin" --mode capacity "${common[@]}" --server-port "$port" --server-pid "$server_pid" \
            --nginx-pid "$nginx_worker" --steps "$steps" || status=1
        ;;
    esac
    stop_server
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
