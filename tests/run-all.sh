#!/usr/bin/env bash
# The whole test suite, as a fresh machine runs it: packages, the ci build, every Qt test
# through ctest (inside tests/with-services.sh: Xvfb and a D-Bus session with an unlocked
# gnome-keyring), then the fuzzers for a bounded time. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

./installer/install-deps.sh
cmake --preset ci
cmake --build --preset ci
./tests/with-services.sh ctest --preset ci --parallel "$(nproc)"
./tests/fuzz/run-fuzzers.sh
