#!/usr/bin/env bash
# Resource faults on disk: a full disk and a read-only folder while lancet-cli
# exports an edited model and writes a statistics cache. A full disk is made
# with a file-size limit (ulimit -f, SIGXFSZ ignored): every write past the
# limit fails with EFBIG, as it would with ENOSPC, without filling a real disk.
# A read-only folder is an immutable one (chattr +i), which root cannot write
# either; where the file system has no such attribute that part is skipped.
# Expected: a clear error (export) or a warning with the result kept
# (statistics), and nothing half-written left behind.
set -u
cli="$1"
fixtures="$2"
model="$fixtures/../../resources/models/lancet-demo"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export LANCET_CACHE_DIR="$scratch/cache"
small=(--layers 4 --samples 4000)   # statistics: small, so the test stays quick

limited() {  # kilobytes, command...: runs it with writes limited to that size
    local kb="$1"; shift
    bash -c 'trap "" XFSZ; ulimit -f "$0"; exec "$@"' "$kb" "$@"
}
leftovers() {  # dir: files or folders a failed write could leave (staging folders, temporaries)
    find "$1" \( -name '.*.staging-*' -o -name '.*.tmp-*' \) | head -5
}
edit=("$cli" edit "$model" --prompt "{} is located in the city of" --subject "Space Needle" --target Taipei
      --stats-samples 4000 --json)

# --- export onto a full disk --------------------------------------------------
mkdir -p "$scratch/full"
"${edit[@]}" --out "$scratch/warm" >/dev/null 2>&1   # statistics cached: the export is what meets the full disk
limited 4096 "${edit[@]}" --out "$scratch/full/edited" >"$last_out" 2>"$last_err"
status=$?
check "export onto a full disk fails" test "$status" -ne 0
check "and says why" grep -q "File too large\|No space" "$last_err"
check "no exported folder appears" test ! -e "$scratch/full/edited"
check "nothing half-written is left" test -z "$(leftovers "$scratch/full")"
check "the source model is untouched" "$cli" info "$model" --json >/dev/null

# --- a statistics cache onto a full disk --------------------------------------
limited 8 "$cli" stats "$model" "${small[@]}" --cache-dir "$scratch/fullcache" --json >"$last_out" 2>"$last_err"
status=$?
check "statistics still succeed" test "$status" -eq 0
check "with a warning about the cache" json_has "$(cat "$last_out")" \
    "any('could not write the statistics cache' in w for w in j['warnings'])"
check "and no cache file, whole or partial" test -z "$(find "$scratch/fullcache" -type f 2>/dev/null | head -1)"
check "and the result does not claim one" json_has "$(cat "$last_out")" "not j['layers'][0]['cached']"
check "without the limit the cache is written" exit_is 0 "$cli" stats "$model" "${small[@]}" --cache-dir "$scratch/fullcache" --json
check "and the result says so" json_has "$(cat "$last_out")" "j['layers'][0]['cached'] and not j['layers'][0]['from_cache']"
check "which a later run reads" json_has "$("$cli" stats "$model" "${small[@]}" --cache-dir "$scratch/fullcache" --json 2>/dev/null)" \
    "j['layers'][0]['from_cache']"

# --- a read-only folder --------------------------------------------------------
mkdir -p "$scratch/readonly"
if chattr +i "$scratch/readonly" 2>/dev/null && ! touch "$scratch/readonly/probe" 2>/dev/null; then
    trap 'chattr -i "$scratch/readonly" 2>/dev/null; rm -rf "$scratch"' EXIT
    check "export into a read-only folder fails" exit_is 1 "${edit[@]}" --out "$scratch/readonly/edited"
    check "export into a read-only folder fails with a message" grep -q "ermission\|not permitted\|Read-only" "$last_err"
    check "and leaves nothing there" test -z "$(ls -A "$scratch/readonly")"
    check "statistics into a read-only folder succeed" exit_is 0 "$cli" stats "$model" "${small[@]}" --cache-dir "$scratch/readonly/cache" --json
    check "statistics into a read-only cache folder warn and go on" json_has "$(cat "$last_out")" \
        "any('statistics cache' in w for w in j['warnings'])"
    chattr -i "$scratch/readonly"
else
    echo "note: this file system has no immutable folders (chattr +i); read-only part skipped"
fi

finish "disk faults"
