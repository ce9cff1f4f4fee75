#!/usr/bin/env bash
# The whole test suite, as a fresh machine runs it: packages, the ci build, every Qt test
# through ctest (inside tests/with-services.sh: Xvfb and a D-Bus session with an unlocked
# gnome-keyring), then the fuzzers for a bounded time, then the packages (installed and purged
# on this machine, so it needs root or sudo). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

./installer/install-deps.sh
cmake --preset ci
cmake --build --preset ci
./tests/with-services.sh ctest --preset ci --parallel "$(nproc)"
./tests/fuzz/run-fuzzers.sh
# The packages: built, checked with lintian, installed on this machine, started, purged.
if ((EUID == 0)); then ./tests/packaging/test-packages.sh; else sudo ./tests/packaging/test-packages.sh; fi
