#!/usr/bin/env bash
# Installs every Debian 12 package Twofold needs to build, run and test.
# Idempotent: when everything is already installed it only asks dpkg and exits.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev clang-format
    # libraries
    qt6-base-dev qt6-base-dev-tools libssl-dev libqrencode-dev libzxing-dev
    libprotobuf-dev protobuf-compiler
    # benchmarks and their peers
    libbenchmark-dev liboath-dev libzbar-dev
    # real tools the tests compare against
    oathtool qrencode zbar-tools
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
