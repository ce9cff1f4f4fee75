#!/usr/bin/env bash
# Cold start to the first mapped window, resident memory, and idle CPU of `twofold` with 1,000
# accounts (unlocked from the real keychain, as on a desktop), against OTPClient started the
# same way in the same run. Runs each app RUNS times (default 3) and prints medians and ratios.
# A third program, bench_qtfloor, is measured the same way as a floor: a plain Qt Widgets list of
# the same rows, unlocked from the same keychain entry with QtKeychain and OpenSSL, so the run
# shows how much of twofold's memory the design's required parts take before twofold adds any.
#   tests/bench/bench_authenticator.sh [BUILD_DIR]     (default build/release)
# Environment: ACCOUNTS (1000), RUNS (3), IDLE_SECONDS (10), SHOTS=DIR (screenshots),
# SMAPS=DIR (each app's /proc/PID/smaps per run).
# Needs a display and a Secret Service: it re-runs itself inside tests/with-services.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -z ${TWOFOLD_IN_DBUS_SESSION:-} ]]; then
    exec "$root/tests/with-services.sh" "$0" "$@"
fi
build=$(cd "${1:-$root/build/release}" && pwd)
runs=${RUNS:-3}
idle_seconds=${IDLE_SECONDS:-10}
smaps_count=0
command -v xdotool >/dev/null || { echo "xdotool is missing: run installer/install-deps.sh" >&2; exit 1; }
command -v otpclient >/dev/null || { echo "otpclient is missing: run installer/install-deps.sh" >&2; exit 1; }
[[ -z ${SHOTS:-} ]] || command -v import >/dev/null || { echo "SHOTS needs ImageMagick's import" >&2; exit 1; }
command -v matchbox-window-manager >/dev/null \
    || { echo "matchbox-window-manager is missing: run installer/install-deps.sh" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TWOFOLD_DATA_DIR="$work/twofold"
accounts=${ACCOUNTS:-1000}
list="$work/accounts.txt" # the same accounts as otpauth URIs, for OTPClient
entry=$("$build/tests/bench/make_bench_vault" "$TWOFOLD_DATA_DIR/vault.twofold" "$accounts" "$list")

# A window manager, for both apps alike: GTK dialogs take keyboard focus only under one.
matchbox-window-manager -use_titlebar no >/dev/null 2>&1 &
wm_pid=$!
trap 'kill "$wm_pid" 2>/dev/null; rm -rf "$work"' EXIT

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
    # UNLOCK=FUNCTION gets the app past a password prompt, so memory and CPU are read on the list.
    if [[ -n ${UNLOCK:-} ]] && ! "$UNLOCK"; then
        echo "$name could not be unlocked; its output:" >&2; cat "$work/$name.log" >&2; exit 1
    fi
    sleep 2 # let start-up work finish before reading memory and idle CPU
    # SHOTS=DIR keeps a screenshot of what each app showed, to check what was measured.
    [[ -n ${SHOTS:-} ]] && import -window root "$SHOTS/$name.png"
    # SMAPS=DIR keeps each run's memory map, to see what the resident memory is made of.
    [[ -n ${SMAPS:-} ]] && cp "/proc/$pid/smaps" "$SMAPS/$name-$((++smaps_count)).smaps"
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

# OTPClient has no command-line import, so its profile is made as a person would: create a
# database (its password goes into this session's keyring), then import the same accounts as an
# otpauth list through its menu. The clicks assume Xvfb's 1600x1000 screen from with-services.sh.
otp_home="$work/otpclient-home"
make_otpclient_profile() {
    local pid
    mkdir -p "$otp_home"
    HOME="$otp_home" otpclient >"$work/otpclient-setup.log" 2>&1 &
    pid=$!
    wait_window() { timeout 30 xdotool search --sync --onlyvisible --name "$1" >/dev/null; }
    wait_window "Database location" || return 1
    xdotool key Tab Return
    wait_window "Select database location" || return 1
    xdotool key ctrl+a; xdotool type --delay 10 "$otp_home/db.enc"; xdotool key Return
    wait_window "^Password" || return 1
    xdotool type --delay 10 bench-password; xdotool key Tab
    xdotool type --delay 10 bench-password; xdotool key Return
    sleep 2; xdotool key Return # the first-run explanation
    sleep 1; xdotool mousemove 1445 26 click 1 # the main menu
    sleep 1; xdotool mousemove 1391 77 click 1 # Import
    sleep 1; xdotool mousemove 1434 155 click 1 # FreeOTP+ (key URI)
    wait_window "Open File" || return 1
    xdotool key ctrl+l; sleep 0.5; xdotool type --delay 10 "$list"; sleep 0.5; xdotool key Return
    for _ in $(seq 120); do # OTPClient takes a few minutes for 1,000 accounts
        (($(stat -c %s "$otp_home/db.enc" 2>/dev/null || echo 0) > accounts * 50)) && break
        sleep 5
    done
    sleep 2; kill "$pid"; wait "$pid" 2>/dev/null || true
    (($(stat -c %s "$otp_home/db.enc" 2>/dev/null || echo 0) > accounts * 50))
}
# OTPClient asks for its database password at every start; it is typed for it.
unlock_otpclient() {
    timeout 30 xdotool search --sync --onlyvisible --name "^Password" >/dev/null || return 1
    xdotool type --delay 10 bench-password; xdotool key Return
    timeout 60 xdotool search --sync --onlyvisible --name "^OTPClient" >/dev/null
}
otpclient_unlock=unlock_otpclient
otpclient_note="otpclient opens the same $accounts accounts: start is to its password prompt, memory and CPU after typing the password"
if ! make_otpclient_profile; then
    otpclient_unlock=""
    echo "could not give OTPClient the accounts (see $work/otpclient-setup.log); measuring its first-run window" >&2
    rm -rf "$otp_home"; mkdir -p "$otp_home"
    otpclient_note="otpclient could not be given the accounts and starts on an empty profile"
fi

apps=(twofold qtfloor otpclient)
for app in "${apps[@]}"; do
    : >"$work/$app.results"
done
for ((i = 1; i <= runs; i++)); do
    measure twofold "$build/app/twofold/twofold" >>"$work/twofold.results"
    measure qtfloor "$build/tests/bench/bench_qtfloor" "$entry" "$accounts" >>"$work/qtfloor.results"
    HOME="$otp_home" UNLOCK="$otpclient_unlock" measure otpclient otpclient >>"$work/otpclient.results"
done

column() { awk -v c="$2" '{print $c}' "$work/$1.results" | median; }
mib() { awk -v k="$1" 'BEGIN {print k / 1024}'; }
printf '%-10s %14s %12s %12s %14s\n' app "start (ms)" "RSS (MiB)" "PSS (MiB)" "idle CPU (%)"
for app in "${apps[@]}"; do
    printf '%-10s %14s %12.1f %12.1f %14s\n' "$app" "$(column "$app" 1)" "$(mib "$(column "$app" 2)")" \
        "$(mib "$(column "$app" 4)")" "$(column "$app" 3)"
done
awk -v ts="$(column twofold 1)" -v os="$(column otpclient 1)" -v tr="$(column twofold 2)" \
    -v or="$(column otpclient 2)" -v tc="$(column twofold 3)" -v fr="$(column qtfloor 2)" 'BEGIN {
    printf "start: otpclient/twofold = %.2fx (target: > 1)\n", os / ts
    printf "RSS:   otpclient/twofold = %.2fx (target: > 1)\n", or / tr
    printf "RSS:   otpclient/qtfloor = %.2fx; twofold adds %.1f MiB to the floor\n", or / fr, (tr - fr) / 1024
    printf "idle CPU of twofold: %.2f%% of one core (target: < 1%%)\n", tc }'
echo "(twofold opens $accounts accounts, unlocked from the keychain; qtfloor lists as many rows with the same key; $otpclient_note.)"
