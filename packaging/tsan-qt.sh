#!/usr/bin/env bash
# A ThreadSanitizer run of the workbench's tests that can come out clean.
#
# Debian's Qt is not built with TSan, so every handoff between the engine thread
# and the GUI thread through Qt's event queue or a QFuture (a mutex and atomic
# reference counts inside libQt6Core) is invisible to it and reported as a race.
# This script builds libQt6Core alone, with TSan, from Debian's own source of the
# installed version (its patches applied, the features Debian's build enables
# that change QtCore), and runs the tests of a LANCET_SANITIZE=thread build with
# it in front of Debian's: QtGui, QtWidgets and QtTest stay Debian's, which is
# sound because they run on the GUI thread only; every cross-thread handoff is
# inside QtCore or Lancet's own code.
#
# Usage (root on Debian 12; adds a deb-src entry for Debian's archive if none is there):
#   cmake -S . -B build-tsan -G Ninja -DLANCET_SANITIZE=thread -DCMAKE_BUILD_TYPE=RelWithDebInfo
#   cmake --build build-tsan
#   bash packaging/tsan-qt.sh build-tsan [TEST...]     (TEST: gui_test_bridge ...; default: every tests/gui program)
# QT_TSAN_DIR (default ~/.cache/lancet-qt-tsan) keeps the source and the build between runs (~5 min on 2 cores).
# Prints one line per test program (exit status, reports, QtTest totals) and exits 1 if any reported a race.
# tsan-qt.supp beside this script holds the one suppression (Qt's own thread pool) and says why.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:?the LANCET_SANITIZE=thread build folder}" && pwd)"; shift
work="${QT_TSAN_DIR:-$HOME/.cache/lancet-qt-tsan}"
version=$(dpkg-query -W -f='${source:Version}' libqt6core6)
mkdir -p "$work"

if [ ! -f "$work/build/lib/libQt6Core.so.6" ] || [ "$(cat "$work/version" 2>/dev/null)" != "$version" ]; then
    if ! apt-get source --print-uris -qq "qt6-base=$version" >/dev/null 2>&1; then
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > /etc/apt/sources.list.d/lancet-deb-src.sources
        apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglib2.0-dev libpcre2-dev libdouble-conversion-dev \
        libb2-dev libzstd-dev libicu-dev zlib1g-dev cmake ninja-build >/dev/null
    rm -rf "$work/src" "$work/build"
    mkdir -p "$work/src"
    (cd "$work/src" && apt-get source -qq "qt6-base=$version" >/dev/null)
    src=$(ls -d "$work"/src/qt6-base-*/ | head -1)
    # The QtCore features Debian's debian/rules sets; the modules not needed here are off.
    cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_C_FLAGS="-O1 -g1" -DCMAKE_CXX_FLAGS="-O1 -g1" -DFEATURE_sanitize_thread=ON \
        -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF -DFEATURE_gui=OFF -DFEATURE_widgets=OFF \
        -DFEATURE_network=OFF -DFEATURE_sql=OFF -DFEATURE_testlib=OFF -DFEATURE_dbus=OFF \
        -DFEATURE_printsupport=OFF -DFEATURE_concurrent=OFF -DFEATURE_xml=OFF \
        -DFEATURE_mimetype_database=OFF -DFEATURE_glib=ON -DFEATURE_icu=ON -DFEATURE_pcre2=ON \
        -DFEATURE_system_pcre2=ON -DFEATURE_doubleconversion=ON -DFEATURE_system_libb2=ON -DFEATURE_zstd=ON \
        -DFEATURE_rpath=OFF -DFEATURE_relocatable=OFF >"$work/configure.log"
    cmake --build "$work/build" --target Core >"$work/build.log"
    echo "$version" >"$work/version"
fi

tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
    for t in "$build"/tests/gui/gui_test_*; do [ -x "$t" ] && [ -f "$t" ] && tests+=("$(basename "$t")"); done
fi
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
logs="$build/tsan-logs"; mkdir -p "$logs"
racy=0
for t in "${tests[@]}"; do
    start=$(date +%s)
    set +e
    # OpenMP's and OpenBLAS's thread pools synchronise in ways TSan cannot see: one thread each.
    # die_after_fork=0: the kill and bridge tests start child processes from a
    # multi-threaded parent (the child runs or execs the workbench or lancet-cli).
    (cd "$build/tests/gui" && LD_LIBRARY_PATH="$work/build/lib" QT_PLUGIN_PATH="/usr/lib/$multiarch/qt6/plugins" \
        TSAN_OPTIONS="die_after_fork=0 suppressions=$here/tsan-qt.supp ${TSAN_OPTIONS:-}" \
        QT_QPA_PLATFORM=offscreen LANCET_NO_CLOSE_PROMPT=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
        timeout 1200 "./$t") >"$logs/$t.log" 2>&1
    rc=$?
    set -e
    reports=$(grep -c 'WARNING: ThreadSanitizer' "$logs/$t.log" || true)
    totals=$(grep -E '^Totals' "$logs/$t.log" | tail -1 || true)
    echo "$t: exit $rc, $reports TSan reports, ${totals:-no totals}, $(( $(date +%s) - start )) s"
    [ "$reports" -gt 0 ] && racy=1
done
echo "QtCore with TSan: $work/build/lib/libQt6Core.so.6 (qt6-base $version); logs in $logs"
exit $racy
