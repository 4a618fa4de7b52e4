#!/usr/bin/env bash
# Checks a package made by packaging/build-deb.sh without containers:
#   1. its contents (programs, data, desktop entry, icon, metainfo, man pages, copyright);
#   2. desktop-file-validate, appstreamcli validate, lintian (errors and warnings fail;
#      the deliberate ones are justified in packaging/lintian-overrides);
#   3. its dependencies resolve on this system (apt-get --simulate install);
#   4. the programs run from the unpacked tree, finding their data beside themselves:
#      `lancet-cli info` and `predict` on the demo model, the workbench's --version, and
#      (with a display or Xvfb) one scripted screenshot of the workbench;
#   5. with --install (root): apt-get install ./DEB, `lancet-cli info` from /usr/bin, then removal.
#
#   bash packaging/check-deb.sh DEB [--install]
set -uo pipefail
deb=$(realpath "${1:?usage: bash packaging/check-deb.sh DEB [--install]}")
install=${2:-}
failures=0
pass() { printf '  ok    %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
for tool in desktop-file-validate appstreamcli lintian; do
    command -v $tool >/dev/null || { echo "$tool not found: apt-get install desktop-file-utils appstream lintian" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "contents of $(basename "$deb")"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/lancet ./usr/bin/lancet-cli ./usr/share/applications/io.lancet.Lancet.desktop \
         ./usr/share/icons/hicolor/scalable/apps/io.lancet.Lancet.svg ./usr/share/metainfo/io.lancet.Lancet.metainfo.xml \
         ./usr/share/man/man1/lancet.1.gz ./usr/share/man/man1/lancet-cli.1.gz ./usr/share/doc/lancet/copyright \
         ./usr/share/lancet/models/lancet-demo/model.safetensors ./usr/share/lancet/models/lancet-demo/facts.json \
         ./usr/share/lancet/corpus/wordnet-glosses.txt ./usr/share/lancet/tokenizers/gpt2/vocab.json; do
    grep -qxF "$f" <<<"$contents" && pass "$f" || fail "$f missing"
done
grep -q '^\./usr/share/lancet/.*\.py$' <<<"$contents" && fail "build scripts (.py) shipped" || pass "no build scripts shipped"

echo "validators"
dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/io.lancet.Lancet.desktop" && pass "desktop-file-validate" ||
    fail "desktop-file-validate"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.lancet.Lancet.metainfo.xml" >/dev/null &&
    pass "appstreamcli validate" || fail "appstreamcli validate"
man -l "$work/root/usr/share/man/man1/lancet-cli.1.gz" >/dev/null 2>&1 && pass "man pages render" || fail "man pages render"
lint=$(lintian --fail-on error,warning "$deb" 2>&1); rc=$?
lint=$(grep -v '^N:\|running with root' <<<"$lint")
[ $rc -eq 0 ] && pass "lintian${lint:+ ($(wc -l <<<"$lint") info tags)}" || { fail "lintian"; echo "$lint"; }

echo "dependencies"
if apt-get install --simulate -qq "$deb" >"$work/apt.txt" 2>&1; then
    pass "apt-get --simulate install resolves"
else
    fail "apt-get --simulate install"; tail -5 "$work/apt.txt"
fi

echo "the unpacked programs"
bin="$work/root/usr/bin" demo="$work/root/usr/share/lancet/models/lancet-demo"
out=$("$bin/lancet-cli" info "$demo" 2>&1) && grep -q gpt2 <<<"$out" && pass "lancet-cli info" || { fail "lancet-cli info"; echo "$out" | tail -3; }
out=$("$bin/lancet-cli" predict "$demo" --prompt "The Space Needle is located in the city of" --json 2>&1)
# The demo model knows this fact: its top answer is Seattle.
python3 -c 'import json,sys; sys.exit(json.load(sys.stdin)["top"][0]["text"] != " Seattle")' <<<"$out" 2>/dev/null &&
    pass "lancet-cli predict: the demo model answers Seattle" || { fail "lancet-cli predict"; echo "$out" | tail -3; }
out=$(QT_QPA_PLATFORM=offscreen "$bin/lancet" --version 2>&1) && grep -qi lancet <<<"$out" && pass "lancet --version: $out" ||
    { fail "lancet --version"; echo "$out" | tail -3; }
if command -v xvfb-run >/dev/null; then
    shots="$work/shots"
    LANCET_SCREENSHOT_QUICK=1 HOME="$work/home" timeout 300 xvfb-run -a -s "-screen 0 1366x768x24" \
        "$bin/lancet" --fresh --screenshot-dir "$shots" >"$work/gui.txt" 2>&1
    ls "$shots"/*.png >/dev/null 2>&1 && pass "workbench opens the demo model ($(ls "$shots" | wc -l) screenshots)" ||
        { fail "workbench screenshot run"; tail -5 "$work/gui.txt"; }
fi

if [ "$install" = --install ]; then
    echo "installing"
    if apt-get install -y -qq "$deb" >"$work/install.txt" 2>&1 && lancet-cli info /usr/share/lancet/models/lancet-demo >/dev/null; then
        pass "apt-get install and lancet-cli from /usr/bin"
    else
        fail "apt-get install"; tail -5 "$work/install.txt"
    fi
    apt-get remove -y -qq lancet >/dev/null 2>&1 && pass "apt-get remove" || fail "apt-get remove"
fi

[ $failures -eq 0 ] && echo "all checks passed" || echo "$failures checks failed"
exit $((failures > 0))
