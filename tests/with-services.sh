#!/usr/bin/env bash
# Runs a command with the services the tests need, started fresh and stopped afterwards:
#  - a private D-Bus session (dbus-run-session) with gnome-keyring-daemon unlocked, so the
#    keychain tests use the real Secret Service;
#  - Xvfb, for the GUI tests and their screenshots;
#  - a private PostgreSQL cluster on a Unix socket, for the server's database tests
#    ($TWOFOLD_TEST_POSTGRES holds its URL).
# HOME and XDG_RUNTIME_DIR point into a scratch folder, so nothing touches the user's own.
#   tests/with-services.sh ctest --preset ci
set -euo pipefail

if [[ -z ${TWOFOLD_IN_DBUS_SESSION:-} ]]; then
    export TWOFOLD_IN_DBUS_SESSION=1
    exec dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d)
xvfb_pid=""
keyring_pid=""
pg_bin=""
pg_run=()
cleanup() {
    [[ -n $pg_bin ]] && "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$scratch/pg/data" -m immediate stop >/dev/null 2>&1 || true
    [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
    [[ -n $keyring_pid ]] && kill "$keyring_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT

export HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME"
mkdir -m 0700 "$XDG_RUNTIME_DIR"

# The keyring's login password only unlocks this throwaway keyring.
printf 'twofold-tests' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
keyring_pid=$(pgrep -n -u "$(id -u)" gnome-keyring-d || true)
# The daemon forks before it claims its bus name: wait (bounded) until the name has an owner.
secrets_ready() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}
for _ in $(seq 100); do secrets_ready && break; sleep 0.1; done
if ! secrets_ready; then
    echo "with-services: the Secret Service (gnome-keyring-daemon) is not on the session bus" >&2
    exit 1
fi

# Xvfb picks a free display and writes its number to fd 3; -noreset keeps it up when the
# last client leaves, so programs started one after another always find it.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp -noreset 3>"$scratch/display" 2>"$scratch/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do
    [[ -s $scratch/display ]] && break
    kill -0 "$xvfb_pid" 2>/dev/null || { cat "$scratch/xvfb.log" >&2; exit 1; }
    sleep 0.1
done
[[ -s $scratch/display ]] || { echo "with-services: Xvfb did not start" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$scratch/display")"

# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[[ -x $pg_bin/initdb ]] || { echo "with-services: PostgreSQL is not installed (installer/install-deps.sh)" >&2; exit 1; }
mkdir -p "$scratch/pg"
pg_user=$(id -un)
if ((EUID == 0)); then
    pg_user=postgres
    pg_run=(runuser -u postgres --)
    chown postgres "$scratch/pg"
    chmod 0755 "$scratch"
fi
"${pg_run[@]}" "$pg_bin/initdb" -D "$scratch/pg/data" -U "$pg_user" --auth=trust -E UTF8 >"$scratch/pg/initdb.log" 2>&1 \
    || { cat "$scratch/pg/initdb.log" >&2; exit 1; }
"${pg_run[@]}" "$pg_bin/pg_ctl" -D "$scratch/pg/data" -l "$scratch/pg/server.log" -w \
    -o "-c listen_addresses='' -k $scratch/pg -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$scratch/pg/server.log" >&2; exit 1; }
"${pg_run[@]}" "$pg_bin/createdb" -h "$scratch/pg" -U "$pg_user" twofold_test
export TWOFOLD_TEST_POSTGRES="postgresql://$pg_user@/twofold_test?host=$scratch/pg"

"$@"
