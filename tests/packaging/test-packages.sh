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
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTWOFOLD_BUILD_TESTS=OFF \
    -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
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
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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
app=$(runuser -u twofold-test -- /usr/bin/twofold-server app add "Package test" \
    --data /var/lib/twofold-server)
ikey=$(sed -n 's/^ikey: *//p' <<<"$app"); skey=$(sed -n 's/^skey: *//p' <<<"$app")
[[ -n $ikey && -n $skey ]] || fail "app add printed no keys: $app"
runuser -u twofold-test -- $(exec_line ExecStart) 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do grep -qs '"listening"' "$work/serve.log" && break; sleep 0.1; done
grep -q '"listening"' "$work/serve.log" || fail "twofold-server did not start: $(cat "$work/serve.log")"
port=$(grep -o '"port":[0-9]*' "$work/serve.log" | head -1 | cut -d: -f2)
cp /var/lib/twofold-server/tls.crt "$work/ca.pem"
/usr/bin/python3 - "$ikey" "$skey" "$port" "$work/ca.pem" <<'PY'
import sys, duo_client
ikey, skey, port, ca = sys.argv[1:]
auth = duo_client.Auth(ikey=ikey, skey=skey, host="localhost", port=int(port), ca_certs=ca)
answer = auth.ping()
assert "time" in answer, answer
print("duo_client ping:", answer)
PY
# SIGTERM to the service itself, as systemd sends it (runuser only waits for it).
pkill -TERM -u twofold-test -f '^/usr/bin/twofold-server serve'
wait "$server" || fail "twofold-server did not stop cleanly: $(tail -3 "$work/serve.log")"
grep -q '"event":"stopped"' "$work/serve.log" || fail "twofold-server did not log its stop"

step "start the installed app"
[[ $(/usr/bin/twofold --version) == "twofold "* ]] || fail "twofold --version"
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
