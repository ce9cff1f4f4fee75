#!/usr/bin/env bash
# Installs every Debian 12 package Twofold needs to build, run and test.
# Idempotent: when everything is already installed it only asks dpkg and exits.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev clang-format
    # libraries
    qt6-base-dev qt6-base-private-dev qt6-base-dev-tools qt6-multimedia-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools
    qt6-translations-l10n qtkeychain-qt6-dev libssl-dev libqrencode-dev libzxing-dev
    libprotobuf-dev protobuf-compiler qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite libqt6sql6-psql
    # runtime: webcam through GStreamer, SVG icons, Secret Service for the keychain
    gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav qt6-image-formats-plugins
    libqt6svg6 gnome-keyring dbus dbus-x11 libsecret-tools
    # benchmarks and their peers
    libbenchmark-dev liboath-dev libzbar-dev
    # real tools and services the tests use: peers, a display and a system tray, a video maker
    oathtool qrencode zbar-tools xvfb xauth xdotool matchbox-window-manager trayer ffmpeg fonts-dejavu-core
    # the server's database, its real relying-party client, and the HTTP ceiling for its benchmark
    postgresql python3-duo-client nginx-light
    # the authenticator benchmark's peer
    otpclient
    # the packages and their checks
    dpkg-dev desktop-file-utils appstream lintian systemd
)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

SUDO=""
if ((EUID != 0)); then SUDO=sudo; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
