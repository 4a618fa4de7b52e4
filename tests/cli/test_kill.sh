#!/usr/bin/env bash
# Crash safety: lancet-cli killed with SIGKILL at many moments of an edit that
# exports the edited model, and of a statistics run that writes its cache. After
# every kill, what is on disk is either absent or complete (never a torn file a
# later run would take for valid), and the next run succeeds and agrees with an
# uninterrupted one. The kill times spread over the whole run, measured first,
# so some land in the export's and the cache's writes.
set -u
cli="$1"
fixtures="$2"
model="$fixtures/../../resources/models/lancet-demo"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
prompt="The Space Needle is located in the city of"
export LANCET_CACHE_DIR="$scratch/cache"   # statistics cached once, shared by every edit run

edit_cmd() {  # out-dir
    "$cli" edit "$model" --prompt "{} is located in the city of" --subject "Space Needle" --target Taipei \
        --out "$1" --force --json
}
top_token() {  # model-dir -> the top next token's id for $prompt
    "$cli" predict "$1" --prompt "$prompt" --json 2>/dev/null |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["top"][0]["id"])'
}
kill_after() {  # seconds, command... : runs it, SIGKILLs it after `seconds` (if still running)
    local delay="$1"; shift
    "$@" >/dev/null 2>&1 &
    local pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}

# --- an edit exporting the edited model ---------------------------------------
edit_cmd "$scratch/reference" >/dev/null 2>&1   # fills the statistics cache
start=$(date +%s.%N)
edit_cmd "$scratch/reference" >"$last_out" 2>"$last_err"
check "uninterrupted edit and export" json_has "$(cat "$last_out")" "j.get('export') is not None"
run_s=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
want=$(top_token "$scratch/reference")
check "the edited export answers differently from the source" test "$want" != "$(top_token "$model")"

torn=0 complete=0 absent=0
for f in 0.5 0.7 0.85 0.92 0.97 0.99; do
    out="$scratch/killed-$f"
    kill_after "$(python3 -c "print($run_s * $f)")" edit_cmd "$out"
    if [ ! -e "$out" ]; then
        absent=$((absent + 1))
    elif "$cli" info "$out" >/dev/null 2>&1 && [ "$(top_token "$out")" = "$want" ]; then
        complete=$((complete + 1))
    else
        torn=$((torn + 1)); echo "FAIL: a torn export survived a kill at ${f} of the run: $out"; ls -la "$out"
    fi
    # A retry to the same folder after the kill succeeds, whatever the kill left beside it.
    check "export after a kill at $f" exit_is 0 edit_cmd "$out"
    check "the retried export answers like the reference ($f)" test "$(top_token "$out")" = "$want"
done
echo "exports killed: $absent absent, $complete complete, $torn torn"
check "no torn export" test "$torn" = 0

# --- a statistics run writing its cache --------------------------------------
stats_cmd() {  # cache-dir
    "$cli" stats "$model" --layers 1,2 --samples 30000 --cache-dir "$1" --json
}
start=$(date +%s.%N)
ref=$(stats_cmd "$scratch/stats-ref" 2>/dev/null)
run_s=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
check "uninterrupted statistics" json_has "$ref" "len(j['layers'])==2 and not j['layers'][0]['from_cache']"
ref_file=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["layers"][0]["cache_file"])' "$ref")
ref_size=$(stat -c %s "$ref_file")
for f in 0.6 0.9 0.99; do
    cache="$scratch/stats-$f"
    kill_after "$(python3 -c "print($run_s * $f)")" stats_cmd "$cache"
    # Any cache file a killed run left under its final name is whole.
    for file in $(find "$cache" -name '*.safetensors' ! -name '.*' 2>/dev/null); do
        check "cache file whole after a kill at $f" test "$(stat -c %s "$file")" = "$ref_size"
    done
    again=$(stats_cmd "$cache" 2>/dev/null)
    check "statistics after a kill at $f" json_has "$again" \
        "[l['count'] for l in j['layers']]==[l['count'] for l in json.loads('''$ref''')['layers']]"
done

finish "cli kill tests"
