#!/usr/bin/env bash
# Builds the Debian package lancet_<version>-1_<arch>.deb: the workbench (lancet), lancet-cli,
# the demo model and Lancet's data, a desktop entry, the icon, AppStream metainfo and the man
# pages, installed under /usr (packaging/CMakeLists.txt says what goes where).
#
#   bash packaging/build-deb.sh [--build-dir DIR] [--out DIR]
#
# --build-dir reuses a configured build with the GUI (the test build, say: only lancet and
# lancet-cli are built and installed from it); without it a Release build is made in build-deb/.
# Needs dpkg-dev (dpkg-shlibdeps) besides the build's own packages. packaging/check-deb.sh checks
# the result. The package depends on Debian 12's libraries (LibTorch 1.13, Qt 6.4, ...), as
# dpkg-shlibdeps reads them from the binaries.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="" out="$root"
while [ $# -gt 0 ]; do
    case $1 in
        --build-dir) build=$(realpath "$2"); shift 2 ;;
        --out) out=$(realpath "$2"); shift 2 ;;
        *) echo "usage: bash packaging/build-deb.sh [--build-dir DIR] [--out DIR]" >&2; exit 2 ;;
    esac
done
say() { printf '\n==> %s\n' "$*"; }
command -v dpkg-shlibdeps >/dev/null || { echo "dpkg-shlibdeps not found: apt-get install dpkg-dev" >&2; exit 1; }

version=$(sed -n 's/^project(Lancet VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
revision=1
arch=$(dpkg --print-architecture)
deb="$out/lancet_${version}-${revision}_${arch}.deb"

if [ -z "$build" ]; then
    build="$root/build-deb"
    say "configuring a Release build in $build"
    # Debian's hardening flags (fortify, stack protector, relro, bind-now), as a Debian build would.
    export DEB_BUILD_MAINT_OPTIONS=hardening=+all
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLANCET_BUILD_TESTS=OFF \
        "-DCMAKE_CXX_FLAGS=$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS)" \
        "-DCMAKE_EXE_LINKER_FLAGS=$(dpkg-buildflags --get LDFLAGS)" >/dev/null
fi
grep -q '^LANCET_BUILD_GUI:BOOL=ON' "$build/CMakeCache.txt" ||
    { echo "$build is configured without the GUI (LANCET_BUILD_GUI=OFF): the package needs it" >&2; exit 1; }
say "building lancet and lancet-cli"
cmake --build "$build" --target lancet lancet-cli -j "$(nproc)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/lancet"
say "staging the installed tree"
DESTDIR="$stage" cmake --install "$build" --prefix /usr >/dev/null
# Only the two programs: a test build would also install nothing else, but be sure.
find "$stage/usr/bin" -type f ! -name lancet ! -name lancet-cli -delete
# Debug information and local symbols out; the dynamic symbol table stays, so
# lancet-cli's crash report still names functions.
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/lancet" "$stage/usr/bin/lancet-cli"
gzip -9n "$stage"/usr/share/man/man1/*.1

doc="$stage/usr/share/doc/lancet"
mkdir -p "$doc"
install -m 644 "$root/packaging/debian-copyright" "$doc/copyright"
install -D -m 644 "$root/packaging/lintian-overrides" "$stage/usr/share/lintian/overrides/lancet"
printf 'lancet (%s-%s) unstable; urgency=medium\n\n  * Lancet %s: the workbench, lancet-cli and the demo model.\n\n -- Lancet developers <lancet@localhost>  %s\n' \
    "$version" "$revision" "$version" "$(date -R -d @"${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}")" |
    gzip -9n > "$doc/changelog.Debian.gz"
# Files 644, folders 755, whatever the umask or the checkout's modes were.
find "$stage" -type d -exec chmod 755 {} +
find "$stage" -type f -exec chmod 644 {} +
chmod 755 "$stage/usr/bin/lancet" "$stage/usr/bin/lancet-cli"

say "computing the dependencies (dpkg-shlibdeps)"
mkdir -p "$work/src/debian"
printf 'Source: lancet\n\nPackage: lancet\nArchitecture: any\n' > "$work/src/debian/control"
depends=$(cd "$work/src" && dpkg-shlibdeps -O -e"$stage/usr/bin/lancet" -e"$stage/usr/bin/lancet-cli" 2>/dev/null |
          sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# LibTorch finds its matrix products through libblas.so.3, which Debian's
# libtorch only Recommends an optimised provider of: installed without
# recommends (containers, minimal systems) it gets the reference BLAS, and a
# trace of the demo model took 33 s instead of 2.4 s on a clean Debian 12.
depends="${depends}, libopenblas0 | libblis3 | libmkl-rt"

mkdir -p "$stage/DEBIAN"
(cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
chmod 644 "$stage/DEBIAN/md5sums"
cat > "$stage/DEBIAN/control" <<EOF
Package: lancet
Version: ${version}-${revision}
Architecture: ${arch}
Maintainer: Lancet developers <lancet@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: ${depends}
Recommends: fonts-noto-cjk, qt6-wayland
Section: science
Priority: optional
Homepage: https://lancet.invalid/
Description: workbench for locating, editing and merging what language models know
 Lancet traces where a language model stores a fact (causal tracing,
 counterfactual and attribution patching, the logit lens), edits it (ROME,
 MEMIT, AlphaEdit, fine-tuning with and without a locality loss, LoRA, EWC,
 replay), merges task vectors in and out (TIES, DARE, mergekit
 configurations), adapts a model at test time, and scores what each change
 did, before and after.
 .
 It runs offline on GPT-2, Llama, Mistral, Qwen, Gemma, GPT-NeoX and GPT-J
 checkpoints and ships a small demo model. This package holds the desktop
 workbench (lancet) and the command-line program (lancet-cli).
EOF

say "writing $deb"
mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
ls -l "$deb"
