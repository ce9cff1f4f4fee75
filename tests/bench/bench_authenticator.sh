#!/usr/bin/env bash
# Cold start to the first mapped window, resident memory, and idle CPU of `twofold` with 1,000
# accounts (unlocked from the real keychain, as on a desktop), against OTPClient started the
# same way in the same run. Runs each app RUNS times (default 3) and prints medians and ratios.
#   tests/bench/bench_authenticator.sh [BUILD_DIR]     (default build/release)
# Needs a display and a Secret Service: it re-runs itself inside tests/with-services.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -z ${TWOFOLD_IN_DBUS_SESSION:-} ]]; then
    exec "$root/tests/with-services.sh" "$0" "$@"
fi
build=$(cd "${1:-$root/build/release}" && pwd)
runs=${RUNS:-3}
idle_seconds=${IDLE_SECONDS:-10}
command -v xdotool >/dev/null || { echo "xdotool is missing: run installer/install-deps.sh" >&2; exit 1; }
command -v otpclient >/dev/null || { echo "otpclient is missing: run installer/install-deps.sh" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TWOFOLD_DATA_DIR="$work/twofold"
"$build/tests/bench/make_bench_vault" "$TWOFOLD_DATA_DIR/vault.twofold" "${ACCOUNTS:-1000}"

ticks=$(getconf CLK_TCK)
now_ms() { date +%s%3N; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure NAME COMMAND...: prints "start_ms rss_kib idle_cpu_percent pss_kib"
measure() {
    local name=$1; shift
    local t0 pid t1 rss c0 c1
    t0=$(now_ms)
    "$@" >"$work/$name.log" 2>&1 &
    pid=$!
    # The first visible window of this process: mapped means the toolkit has painted it.
    # Polled every 10 ms: xdotool's own --sync sleeps half a second between looks.
    local deadline=$((t0 + 60000))
    until xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; do
        if (($(now_ms) > deadline)) || ! kill -0 "$pid" 2>/dev/null; then
            echo "$name showed no window; its output:" >&2; cat "$work/$name.log" >&2; exit 1
        fi
        sleep 0.01
    done
    t1=$(now_ms)
    sleep 2 # let start-up work finish before reading memory and idle CPU
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
    # PSS shares each shared library's pages among the processes using them: a fairer figure
    # for what one more app costs, shown beside the RSS the target is set on.
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
    c0=$(cpu_ticks "$pid")
    sleep "$idle_seconds"
    c1=$(cpu_ticks "$pid")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    awk -v s=$((t1 - t0)) -v r="$rss" -v d=$((c1 - c0)) -v hz="$ticks" -v secs="$idle_seconds" \
        -v p="$pss" 'BEGIN { printf "%d %d %.2f %d\n", s, r, 100 * d / hz / secs, p }'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for app in twofold otpclient; do
    : >"$work/$app.results"
done
for ((i = 1; i <= runs; i++)); do
    measure twofold "$build/app/twofold/twofold" >>"$work/twofold.results"
    # OTPClient keeps its settings in HOME; a fresh one each run makes every start cold alike.
    rm -rf "$HOME/.config/otpclient.cfg" "$HOME/.config/OTPClient"
    measure otpclient otpclient >>"$work/otpclient.results"
done

column() { awk -v c="$2" '{print $c}' "$work/$1.results" | median; }
mib() { awk -v k="$1" 'BEGIN {print k / 1024}'; }
printf '%-10s %14s %12s %12s %14s\n' app "start (ms)" "RSS (MiB)" "PSS (MiB)" "idle CPU (%)"
for app in twofold otpclient; do
    printf '%-10s %14s %12.1f %12.1f %14s\n' "$app" "$(column "$app" 1)" "$(mib "$(column "$app" 2)")" \
        "$(mib "$(column "$app" 4)")" "$(column "$app" 3)"
done
awk -v ts="$(column twofold 1)" -v os="$(column otpclient 1)" -v tr="$(column twofold 2)" \
    -v or="$(column otpclient 2)" -v tc="$(column twofold 3)" 'BEGIN {
    printf "start: otpclient/twofold = %.2fx (target: > 1)\n", os / ts
    printf "RSS:   otpclient/twofold = %.2fx (target: > 1)\n", or / tr
    printf "idle CPU of twofold: %.2f%% of one core (target: < 1%%)\n", tc }'
echo "(twofold shows ${ACCOUNTS:-1000} accounts, unlocked from the keychain; otpclient starts on an"
echo " empty profile, at its first-run window: it has no scriptable way to load accounts.)"
