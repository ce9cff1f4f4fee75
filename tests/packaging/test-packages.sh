#!/usr/bin/env bash
# Proof that the packages install, start and uninstall cleanly, on this machine (as root):
# build them with CPack, check them with lintian, install them with apt, start twofold-server
# the way its systemd unit does and answer duo_client's ping, start the installed app (--version
# and a window under Xvfb), then purge both and show that nothing is left outside user data.
#   tests/packaging/test-packages.sh [BUILD_DIR]     (default build/package: Release, prefix /usr)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build/package}
((EUID == 0)) || { echo "test-packages.sh installs packages: run it as root" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

step "build the packages"
# Translations not compiled in: the installed .qm files are the only ones the app can load.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTWOFOLD_BUILD_TESTS=OFF \
    -DTWOFOLD_EMBED_TRANSLATIONS=OFF -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build "$build"
rm -f "$build"/*.deb "$build"/*.tar.gz
(cd "$build" && cpack -G "DEB;TGZ" >/dev/null)
app_deb=$(ls "$build"/twofold_*.deb)
server_deb=$(ls "$build"/twofold-server_*.deb)
ls -l "$build"/*.deb "$build"/*.tar.gz

step "lintian"
lintian --fail-on error --suppress-tags-from-file "$root/installer/debian/lintian-overrides.txt" \
    "$app_deb" "$server_deb" || fail "lintian reports errors"

step "install"
# A failed run leaves nothing installed either, so that the next run starts from the same place.
work=""
cleanup() {
    pkill -u twofold-test 2>/dev/null || true
    DEBIAN_FRONTEND=noninteractive apt-get purge -y twofold twofold-server >/dev/null 2>&1 || true
    rm -rf /var/lib/twofold-server /var/lib/private/twofold-server ${work:+"$work"}
    userdel twofold-test 2>/dev/null || true
}
trap cleanup EXIT
cleanup
work=$(mktemp -d)
before="$work/before.txt"
find /usr /etc /var/lib -xdev 2>/dev/null | sort >"$before"
DEBIAN_FRONTEND=noninteractive apt-get install -y "$app_deb" "$server_deb" >/dev/null
dpkg -L twofold twofold-server | sort >"$work/files.txt"
desktop-file-validate /usr/share/applications/org.twofold.Twofold.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.twofold.Twofold.metainfo.xml >/dev/null
for size in 16 22 24 32 48 64 128 256 512; do
    [[ -s /usr/share/icons/hicolor/${size}x${size}/apps/org.twofold.Twofold.png ]] \
        || fail "no ${size}x${size} icon"
done
man -w twofold twofold-cli twofold-server >/dev/null || fail "a manual page is missing"
grep -q '^MimeType=x-scheme-handler/twofold;' /usr/share/applications/org.twofold.Twofold.desktop
systemd-analyze verify /lib/systemd/system/twofold-server.service

step "start twofold-server as its unit does"
unit=/lib/systemd/system/twofold-server.service
exec_line() { sed -n "s/^$1=-\{0,1\}//p" "$unit"; }
# No systemd here: a user stands in for DynamicUser, the state directory is made as systemd would.
id twofold-test >/dev/null 2>&1 || useradd --system --no-create-home twofold-test
install -d -m 0700 -o twofold-test /var/lib/twofold-server
runuser -u twofold-test -- $(exec_line ExecStartPre) >"$work/init.txt"
grep -q '^Certificate SHA-256 fingerprint: ' "$work/init.txt" || fail "init printed no fingerprint"
# The first administrator's password goes to a file only the service user reads, not the journal.
first_admin=/var/lib/twofold-server/first-admin.txt
[[ $(stat -c '%a %U' "$first_admin") == "600 twofold-test" ]] || fail "$first_admin: $(stat -c '%a %U' "$first_admin")"
password=$(sed -n 's/^Password: //p' "$first_admin")
[[ -n $password ]] || fail "no password in $first_admin"
grep -qF "$password" "$work/init.txt" && fail "init printed the first administrator's password"
app=$(runuser -u twofold-test -- /usr/bin/twofold-server app add "Package test" \
    --data /var/lib/twofold-server)
ikey=$(sed -n 's/^ikey: *//p' <<<"$app"); skey=$(sed -n 's/^skey: *//p' <<<"$app")
[[ -n $ikey && -n $skey ]] || fail "app add printed no keys: $app"
# Start the service as its unit does, answer duo_client (ping, and the signed check with the
# application's keys), and stop it with SIGTERM as systemd does.
serve_and_ping() {
    local command
    command=$(exec_line ExecStart)
    [[ $command == /usr/bin/twofold-server\ serve* ]] || fail "the unit's ExecStart: '$command'"
    runuser -u twofold-test -- $command 2>"$work/serve.log" &
    local server=$!
    # Bounded (60 s), and given up at once if the service exits.
    for _ in $(seq 600); do
        grep -qs '"listening"' "$work/serve.log" && break
        kill -0 "$server" 2>/dev/null || break
        sleep 0.1
    done
    if ! grep -q '"listening"' "$work/serve.log"; then
        local state="still running"
        kill -0 "$server" 2>/dev/null || { wait "$server" && state="exited 0" || state="exited $?"; }
        fail "twofold-server did not start ($state): $(cat "$work/serve.log")
$(ps -o pid,stat,etime,wchan:20,args -u twofold-test 2>/dev/null)
$(ss -ltnp 2>/dev/null | grep -w 8443)"
    fi
    local port
    port=$(grep -o '"port":[0-9]*' "$work/serve.log" | head -1 | cut -d: -f2)
    cp /var/lib/twofold-server/tls.crt "$work/ca.pem"
    /usr/bin/python3 - "$ikey" "$skey" "$port" "$work/ca.pem" <<'PY' || fail "duo_client failed"
import sys, duo_client
ikey, skey, port, ca = sys.argv[1:]
auth = duo_client.Auth(ikey=ikey, skey=skey, host="localhost", port=int(port), ca_certs=ca)
answer = auth.ping()
assert "time" in answer, answer
assert "time" in auth.check(), "the signed check failed"
print("duo_client ping and check:", answer)
PY
    # SIGTERM to the service itself, as systemd sends it (runuser only waits for it).
    pkill -TERM -u twofold-test -f '^/usr/bin/twofold-server serve'
    wait "$server" || fail "twofold-server did not stop cleanly: $(tail -3 "$work/serve.log")"
    grep -q '"event":"stopped"' "$work/serve.log" || fail "twofold-server did not log its stop"
}
serve_and_ping

step "upgrade"
# The same package with a higher version, installed over it: the state (keys, database,
# certificate) and the application's keys survive, and init on the next start changes nothing.
dpkg-deb -R "$server_deb" "$work/upgrade"
sed -i 's/^Version: .*/&+upgrade1/' "$work/upgrade/DEBIAN/control"
dpkg-deb -b --root-owner-group "$work/upgrade" "$work/twofold-server_upgrade.deb" >/dev/null
state_before=$(cd /var/lib/twofold-server && sha256sum tls.crt tls.key server.key)
DEBIAN_FRONTEND=noninteractive apt-get install -y "$work/twofold-server_upgrade.deb" >/dev/null
[[ $(dpkg-query -W -f '${Version}' twofold-server) == *+upgrade1 ]] || fail "the upgrade did not install"
[[ $(cd /var/lib/twofold-server && sha256sum tls.crt tls.key server.key) == "$state_before" ]] \
    || fail "the upgrade changed the server's keys or certificate"
runuser -u twofold-test -- $(exec_line ExecStartPre) >"$work/init-again.txt" 2>&1 \
    && fail "init ran over an existing data directory"
grep -q 'set up already' "$work/init-again.txt" || fail "init: $(cat "$work/init-again.txt")"
serve_and_ping

step "start the installed app"
[[ $(/usr/bin/twofold --version) == "twofold "* ]] || fail "twofold --version"
# The Dutch translation, from the installed .qm file (the package has none compiled in).
[[ -s /usr/share/twofold/translations/twofold_nl.qm ]] || fail "twofold_nl.qm is not installed"
HOME="$work/home" LANG=nl_NL.UTF-8 LANGUAGE= /usr/bin/twofold --help | grep -q 'eenmalige codes' \
    || fail "the installed app did not load its Dutch translation"
/usr/bin/twofold-cli code --time 59 --digits 8 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ | grep -qx 94287082
HOME="$work/home" TWOFOLD_DATA_DIR="$work/home/data" QT_QPA_PLATFORM=xcb \
    timeout 60 "$root/tests/with-services.sh" bash -c '
        /usr/bin/twofold >"'"$work"'/app.log" 2>&1 & pid=$!
        for _ in $(seq 300); do
            xdotool search --onlyvisible --pid $pid >/dev/null 2>&1 && break; sleep 0.1
        done
        xdotool search --onlyvisible --pid $pid >/dev/null 2>&1 || { cat "'"$work"'/app.log"; exit 1; }
        kill $pid; wait $pid || true' || fail "the installed app showed no window"
echo "the installed app opened its window"

step "purge"
DEBIAN_FRONTEND=noninteractive apt-get purge -y twofold twofold-server >/dev/null
while read -r path; do
    [[ -e $path && ! -d $path ]] && fail "$path is still there after purge"
done <"$work/files.txt"
[[ ! -e /var/lib/twofold-server && ! -e /var/lib/private/twofold-server ]] \
    || fail "the server's state is still there after purge"
find /usr /etc /var/lib -xdev 2>/dev/null | sort >"$work/after.txt"
left=$(comm -13 "$before" "$work/after.txt" | grep -i twofold || true)
[[ -z $left ]] || fail "left after purge: $left"
userdel twofold-test 2>/dev/null || true
echo "PASS: packages built, checked, installed, started and purged cleanly"
