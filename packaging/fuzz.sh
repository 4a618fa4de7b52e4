#!/usr/bin/env bash
# Fuzzes Lancet's parsers of untrusted bytes with libFuzzer (clang, ASan + UBSan).
#
#   bash packaging/fuzz.sh SECONDS [TARGET...]     default: every target, SECONDS each
#
# Needs Debian's clang (libFuzzer ships in its compiler runtime). Builds in
# build-fuzz/, keeps each target's growing corpus in build-fuzz/corpus/<target>
# (seeded from tests/fuzz/seeds/<target>), and writes any crashing input to
# build-fuzz/crashes/<target>/. A crash found becomes a regression input:
# copy it to tests/fuzz/regressions/<target>/ and the normal test suite
# (ctest -L fuzz) replays it from then on.
set -euo pipefail
seconds="${1:?SECONDS per target}"; shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LANCET_FUZZ_BUILD_DIR:-$root/build-fuzz}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tokenizer_json vocab_merges tokenizer_encode safetensors_header npz datasets model_config mergekit_yaml edit_spec)
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (apt-get install clang)" >&2; exit 2; }

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" -DLANCET_FUZZ=ON -DLANCET_BUILD_GUI=OFF >/dev/null
cmake --build "$build" --target $(printf 'fuzz_%s ' "${targets[@]}")

export LANCET_SOURCE_DIR="$root"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
for t in "${targets[@]}"; do
    corpus="$build/corpus/$t"; crashes="$build/crashes/$t"
    mkdir -p "$corpus" "$crashes"
    echo "== fuzz_$t for $seconds s"
    # libFuzzer exits on a missing corpus folder, and git keeps no empty one: only those that exist.
    dirs=("$corpus")
    for d in "$root/tests/fuzz/seeds/$t" "$root/tests/fuzz/regressions/$t"; do [ -d "$d" ] && dirs+=("$d"); done
    "$build/tests/fuzz/fuzz_$t" "${dirs[@]}" \
        -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
        -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 | tee "$build/fuzz_$t.log" | grep -E "^#[0-9]+ +(DONE|pulse)|stat::|ERROR|==[0-9]+==" || true
    found=$(ls "$crashes" | wc -l)
    echo "   $(ls "$corpus" | wc -l) corpus inputs, $found crashing inputs in $crashes"
done
