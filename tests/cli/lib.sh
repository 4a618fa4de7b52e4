# Helpers shared by the lancet-cli test scripts (sourced, not run; ctest runs only test_*.sh).
#   check NAME COMMAND...     counts COMMAND's success or failure under NAME
#   json_has JSON EXPRESSION  a Python expression over j = the parsed JSON
#   exit_is STATUS COMMAND... COMMAND exits with STATUS; its output stays in $last_out / $last_err
#   finish LABEL              prints the counts; the script's exit status is 0 only if nothing failed
passed=0
failed=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/lancet-cli-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
last_out="$scratch/out"
last_err="$scratch/err"

check() {  # name, command...
    local name="$1"; shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
json_has() {  # json-text, python-expression over j
    python3 -c "import json,sys; j=json.loads(sys.argv[1]); sys.exit(0 if ($2) else 1)" "$1"
}
exit_is() {  # expected-status, command...
    local want="$1"; shift
    "$@" >"$last_out" 2>"$last_err"
    local got=$?
    [ "$got" = "$want" ] || { echo "exit $got, expected $want: $*"; cat "$last_err"; return 1; }
}
finish() {  # label
    echo "$1: $passed passed, $failed failed"
    [ "$failed" = 0 ]
}
