#!/usr/bin/env bash
# Installs a package made by packaging/build-deb.sh into a fresh, minimal
# Debian 12 root (debootstrap --variant=minbase: no compiler, no -dev package,
# nothing Lancet's build left behind) with `apt-get install
# --no-install-recommends`, the strictest way a user can install it, and runs
# it there:
#   1. the package's declared dependencies alone install it;
#   2. `lancet-cli info` and `predict` on the bundled demo model (top answer Seattle);
#   3. `lancet --version` with no display at all;
#   4. a 3-kind causal trace of the demo fact, timed: LibTorch reaches its matrix
#      products through libblas.so.3, and a root holding only the reference BLAS
#      traces about 14x slower (33 s against 2.4 s, 2026-12-05), so the BLAS the
#      alternative points at is printed and the reference one fails the check;
#   5. the workbench's scripted screenshot run, offscreen (first start, trace, edit, scorecard).
# Needs root, debootstrap and the Debian mirror (minutes, ~1 GB of disk); not run by CI.
#
#   bash packaging/check-deb-clean-root.sh DEB [ROOT_DIR]   (ROOT_DIR: default a new temporary folder)
set -uo pipefail
deb=$(realpath "${1:?usage: bash packaging/check-deb-clean-root.sh DEB [ROOT_DIR]}")
root=${2:-$(mktemp -d /tmp/lancet-clean-root.XXXXXX)}
[ "$(id -u)" = 0 ] || { echo "needs root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "debootstrap not found: apt-get install debootstrap" >&2; exit 2; }
failures=0
pass() { printf '  ok    %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
cleanup() { umount "$root/proc" "$root/dev" 2>/dev/null; }
trap cleanup EXIT
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 bash -c "$1"; }

if [ ! -x "$root/usr/bin/apt-get" ]; then
    echo "debootstrap --variant=minbase bookworm into $root"
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$root.debootstrap.log" 2>&1 ||
        { echo "debootstrap failed: $root.debootstrap.log" >&2; exit 1; }
fi
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp "$deb" "$root/root/"
name=$(basename "$deb")

echo "installing $name (no recommends)"
start=$(date +%s)
if in_root "apt-get update -qq && apt-get install -y -qq --no-install-recommends /root/$name" >"$root.install.log" 2>&1; then
    pass "apt-get install --no-install-recommends ($(grep -c '^Setting up' "$root.install.log") packages, $(( $(date +%s) - start )) s)"
else
    fail "apt-get install"; tail -5 "$root.install.log"; exit 1
fi

echo "running it"
demo=/usr/share/lancet/models/lancet-demo
prompt="The Space Needle is located in the city of"
out=$(in_root "lancet-cli info $demo" 2>&1) && grep -q gpt2 <<<"$out" && pass "lancet-cli info" || { fail "lancet-cli info"; echo "$out" | tail -3; }
out=$(in_root "lancet-cli predict $demo --prompt '$prompt' --json" 2>/dev/null)
python3 -c 'import json,sys; sys.exit(json.load(sys.stdin)["top"][0]["text"] != " Seattle")' <<<"$out" 2>/dev/null &&
    pass "lancet-cli predict: the demo model answers Seattle" || { fail "lancet-cli predict"; echo "$out" | tail -3; }
out=$(in_root "lancet --version" 2>&1) && grep -qi lancet <<<"$out" && pass "lancet --version without a display: $out" ||
    { fail "lancet --version without a display"; echo "$out" | tail -3; }

blas=$(in_root "readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3")
start=$(date +%s.%N)
out=$(in_root "lancet-cli trace $demo --prompt '$prompt' --subject 'Space Needle' --json" 2>/dev/null)
took=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
python3 -c 'import json,sys; sys.exit(len(json.load(sys.stdin)["kinds"]) != 3)' <<<"$out" 2>/dev/null &&
    pass "lancet-cli trace: 3 kinds in $took s (process start included), BLAS $blas" || fail "lancet-cli trace"
case "$blas" in
    */blas/libblas.so.3*) fail "libblas.so.3 is the reference BLAS: the package must pull an optimised one" ;;
    *) pass "an optimised BLAS provides libblas.so.3" ;;
esac

shots=/tmp/lancet-shots
in_root "mkdir -p /tmp/home && HOME=/tmp/home LANCET_NO_CLOSE_PROMPT=1 QT_QPA_PLATFORM=offscreen LANCET_SCREENSHOT_QUICK=1 \
    LANCET_SCREENSHOT_SIZE=1366x768 timeout 600 lancet --fresh --screenshot-dir $shots" >"$root.gui.log" 2>&1
n=$(ls "$root$shots"/*.png 2>/dev/null | wc -l)
# scorecard.png comes after the scripted edit (statistics computed on first use included).
[ -f "$root$shots/scorecard.png" ] && pass "workbench opens the demo model, traces and edits offscreen ($n screenshots in $root$shots)" ||
    { fail "workbench screenshot run"; tail -5 "$root.gui.log"; }

echo
[ $failures -eq 0 ] && echo "clean root: all checks passed ($root)" || echo "clean root: $failures check(s) failed ($root)"
exit $((failures > 0))
