#!/usr/bin/env bash
# The whole test suite, as a fresh machine runs it: packages, the ci build, every Qt test
# through ctest, then the fuzzers for a bounded time. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

./installer/install-deps.sh
cmake --preset ci
cmake --build --preset ci
ctest --preset ci --parallel "$(nproc)"
./tests/fuzz/run-fuzzers.sh
