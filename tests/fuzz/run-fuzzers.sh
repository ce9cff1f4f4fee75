#!/usr/bin/env bash
# Builds the fuzz preset, then runs each libFuzzer target for FUZZ_SECONDS (default 30) from a
# scratch copy of its seed corpus, so the repository gains no files. Exits non-zero if any
# fuzzer finds a crash, a leak or a hang; reproducers are kept in build/fuzz/artifacts/.
# First each fuzzer replays every file in regressions/<fuzzer>/ (inputs of bugs already fixed),
# then fuzzes with a fixed -seed, so that each day's gate walks the same mutations instead of
# failing on whichever bug a random seed reaches (the walk still drifts a little between runs;
# the reproducer in the artifacts is the exact replay). To explore further, change the seed:
#   FUZZ_SECONDS=300 FUZZ_SEED=7 tests/fuzz/run-fuzzers.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${FUZZ_SECONDS:-30}
seed=${FUZZ_SEED:-1}
# Qt seeds QHash at random per process; a fixed seed keeps the code under test the same too.
export QT_HASH_SEED=0

cd "$root"
# Only the fuzz targets: the rest of the tree (the GUI) is built and tested by the ci preset.
fuzzers=(fuzz_otpauthuri fuzz_migration fuzz_importer fuzz_duorequest fuzz_pskc fuzz_azurecsv
    fuzz_tlssocket)
# FUZZ_BUILD_DIR builds elsewhere than the preset's build/fuzz, e.g. beside another's build.
if [[ -n ${FUZZ_BUILD_DIR:-} ]]; then
    build=$FUZZ_BUILD_DIR
    cmake --preset fuzz -B "$build"
    cmake --build "$build" --target "${fuzzers[@]}"
else
    build="$root/build/fuzz"
    cmake --preset fuzz
    cmake --build --preset fuzz --target "${fuzzers[@]}"
fi

bin="$build/tests/fuzz"
artifacts="$build/artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=()
vectors=${TWOFOLD_VECTORS:-$root/../shared/vectors}
# run_fuzzer NAME CORPUS DICT MAX_LEN [VECTORS_SUBDIR]
# Third-party files stay in ../shared/vectors: when it is there, its files join the seeds.
run_fuzzer() {
    local name=$1 corpus=$2 dict=$3 max_len=$4 extra=${5:-}
    mkdir -p "$work/$name" "$artifacts/$name"
    # A fuzzer may have no seeds of its own (PSKC: its seeds are the vectors' files) and start
    # from its dictionary alone.
    if [[ -d $here/corpus/$corpus ]]; then cp -R "$here/corpus/$corpus/." "$work/$name/"; fi
    if [[ -n $extra && -d $vectors/$extra ]]; then
        find "$vectors/$extra" -type f -exec cp -t "$work/$name/" {} +
    fi
    echo "== $name: ${seconds}s, -seed=$seed, -max_len=$max_len"
    if ! "$bin/$name" "$work/$name" \
            -max_total_time="$seconds" -seed="$seed" -max_len="$max_len" -dict="$here/$dict" \
            -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
            -artifact_prefix="$artifacts/$name/"; then
        echo "!! $name found a problem; reproducer in $artifacts/$name/ (run $bin/$name on" \
            "it; minimise with -minimize_crash=1 -runs=100000 and add it to" \
            "tests/fuzz/regressions/$name/ with the fix). The same run again:" \
            "FUZZ_SEED=$seed FUZZ_SECONDS=$seconds tests/fuzz/run-fuzzers.sh" >&2
        failed+=("$name")
    fi
}

# replay_regressions NAME: runs once each committed input of a bug already fixed; none may
# fail again. A fuzzer without a regressions/NAME folder has none yet.
replay_regressions() {
    local name=$1 dir="$here/regressions/$1"
    [[ -d $dir ]] || return 0
    local inputs=()
    mapfile -t inputs < <(find "$dir" -maxdepth 1 -type f ! -name '.*' | sort)
    ((${#inputs[@]})) || return 0
    mkdir -p "$artifacts/$name"
    echo "== $name: replaying ${#inputs[@]} regression input(s) from tests/fuzz/regressions/$name/"
    if ! "$bin/$name" -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$artifacts/$name/regression-" "${inputs[@]}"; then
        echo "!! $name fails again on a regression input (named above)" >&2
        failed+=("$name (regression)")
    fi
}

echo "Fuzzing with -seed=$seed (FUZZ_SEED) for ${seconds}s (FUZZ_SECONDS) per fuzzer."
for fuzzer in "${fuzzers[@]}"; do
    replay_regressions "$fuzzer"
done

run_fuzzer fuzz_otpauthuri otpauthuri otpauthuri.dict 1024
# Migration URIs from a full QR code run to about 3 KB.
run_fuzzer fuzz_migration migration migration.dict 4096
# Backups of other apps: a few KB of JSON, or a list of URIs.
run_fuzzer fuzz_importer importer importer.dict 8192

# Relying-party requests: headers plus a form or JSON body of a few KB.
run_fuzzer fuzz_duorequest duorequest duorequest.dict 8192
# Hardware token files: PSKC key packages are a few KB each; CSV lines are short.
run_fuzzer fuzz_pskc pskc pskc.dict 16384 pskc
run_fuzzer fuzz_azurecsv azurecsv azurecsv.dict 4096
# The server's TLS connections: a hello from garbage, or moves on a real TLS connection.
run_fuzzer fuzz_tlssocket tlssocket tlssocket.dict 512

if ((${#failed[@]})); then
    echo "Fuzzers that failed: ${failed[*]}" >&2
    exit 1
fi
echo "All fuzzers ran ${seconds}s without finding a problem."
