#!/usr/bin/env bash
# End-to-end checks of `jql validate` and `jql explain`: output shapes and exit codes.
set -uo pipefail
jql=$1
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"

out=$("$jql" validate 'project = ABC' 'status = Done'); code=$?
check "two valid queries" $'argument 1: valid: project = ABC\nargument 2: valid: status = Done\n2 queries: 2 valid, 0 invalid' "$out"
check "exit 0 when all valid" 0 "$code"

out=$("$jql" validate 'project = ABC' 'project = IT'); code=$?
check "one invalid" $'argument 1: valid: project = ABC\nargument 2: INVALID: project = IT\n    Error in the JQL Query: \'IT\' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 11)\n2 queries: 1 valid, 1 invalid' "$out"
check "exit 1 when any invalid" 1 "$code"

# Standard input and files: blank lines and '#' comments are skipped, lines counted.
out=$(printf 'project = ABC\n\n  # a comment\nx1 =\n' | "$jql" validate); code=$?
check "stdin lines" $'stdin:1: valid: project = ABC\nstdin:4: INVALID: x1 =\n    Error in the JQL Query: Expecting either a value, list or function before the end of the query.\n2 queries: 1 valid, 1 invalid' "$out"
check "stdin exit" 1 "$code"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '# saved filters\nstatus = Done\n' >"$work/a.jql"
printf 'summary in test\n' >"$work/b.jql"
out=$("$jql" validate -f "$work/a.jql" -f "$work/b.jql"); code=$?
check "files in order" "$work/a.jql:2: valid: status = Done
$work/b.jql:1: INVALID: summary in test
    Operator 'in' does not support the non-list value '\"test\"' for field 'summary'.
2 queries: 1 valid, 1 invalid" "$out"
check "files exit" 1 "$code"
out=$(printf 'status = Done\n' | "$jql" validate -f "$work/b.jql" -f - --format jsonl)
check "jsonl errors are objects with line and column" '{"source":"'"$work"'/b.jql","line":1,"query":"summary in test","valid":false,"errors":[{"message":"Operator '"'"'in'"'"' does not support the non-list value '"'"'\"test\"'"'"' for field '"'"'summary'"'"'.","line":1,"column":12}]}
{"source":"stdin","line":1,"query":"status = Done","valid":true,"errors":[]}' "$out"
out=$("$jql" validate --format json 'x1 = 1' 'x1 in 1' | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["valid"], d["invalid"], [q["valid"] for q in d["queries"]])')
check "json document" "1 1 [True, False]" "$out"
"$jql" validate -f "$work/missing.jql" >/dev/null 2>&1; code=$?
check "unreadable file exit" 2 "$code"
# The repository's own examples, comments and all: the invalid ones are the eight
# under "# invalid" headings.
out=$("$jql" validate -f "$(dirname "$0")/../../data/queries.jql" | tail -1)
check "examples file" "19 queries: 11 valid, 8 invalid" "$out"

out=$(printf '%s\n' '"project = ABC\nAND status = Done"' '"x1 = \"open"' | "$jql" validate --jsonl); code=$?
check "jsonl" '{"source":"stdin","line":1,"query":"project = ABC\nAND status = Done","valid":true,"errors":[]}
{"source":"stdin","line":2,"query":"x1 = \"open","valid":false,"errors":[{"message":"Error in the JQL Query: The quoted string '"'"'open'"'"' has not been completed. (line 1, character 6)","line":1,"column":6}]}' "$out"
check "jsonl exit" 1 "$code"

out=$(printf '%s\n' 'not json' | "$jql" validate --jsonl); code=$?
case "$out" in *'"valid":false'*'is not a JSON string'*) r=ok ;; *) r="$out" ;; esac
check "jsonl bad line" ok "$r"
check "jsonl bad line exit" 1 "$code"

out=$(printf 'x1 = \xff\n' | "$jql" validate --jsonl); code=$?
case "$out" in *'"query":"x1 = '$'\xef\xbf\xbd''"'*'is not a JSON string'*) r=ok ;; *) r="$out" ;; esac
check "invalid UTF-8 is refused and the echo stays valid JSON" ok "$r"

"$jql" validate --no-such-flag >/dev/null 2>&1; code=$?
check "usage error exit" 2 "$code"

out=$("$jql" explain 'NOT (a1 = 1 OR b1 in (x1, y1))'); code=$?
check "explain" $'canonical: NOT (a1 = 1 OR b1 IN (x1, y1))\nnot\n  or\n    clause field=a1 op=EQUALS\n      number 1\n    clause field=b1 op=IN\n      list\n        string "x1"\n        string "y1"' "$out"
check "explain exit" 0 "$code"

"$jql" explain 'x1 =' >/dev/null 2>&1; code=$?
check "explain invalid exit" 1 "$code"

# --version, and mistyped commands and flags named with the nearest right spelling.
out=$("$jql" --version); code=$?
case "$out" in "jql "[0-9]*.[0-9]*.[0-9]*) r=ok ;; *) r="$out" ;; esac
check "--version" ok "$r"
check "--version exit" 0 "$code"
out=$("$jql" selec 'x1 = 1' 2>&1); code=$?
check "mistyped command" "jql: 'selec' is not a jql command. Did you mean 'select'? (jql --help lists them)" "$out"
check "mistyped command exit" 2 "$code"
out=$("$jql" select --dat x 'x1 = 1' 2>&1); code=$?
check "mistyped flag named, not the required one" "jql select: unknown option '--dat'. Did you mean '--data'? (jql select --help lists them)" "$out"
check "mistyped flag exit" 2 "$code"
out=$("$jql" validate -- '-x1 =' 2>&1 | tail -1)
check "after -- words are queries" "1 query: 0 valid, 1 invalid" "$out"

# Explain with data shows what relative dates and date functions resolved to, for the
# --now and --tz given.
data=$(dirname "$0")/../../data/sample
out=$("$jql" explain --data "$data" --now 2025-06-01 'updated < -365d' | grep resolved | tr -d ' ')
check "explain resolves a relative date" "resolved:to2024-05-31T23:59:59.999Z" "$out"
out=$("$jql" explain --data "$data" --now 2025-06-01 --tz +02:00 'due = 2025-01-01' | grep resolved | tr -d ' ')
check "explain resolves a date in the user's zone" "resolved:from2024-12-31T22:00:00.000Zto2025-01-01T21:59:59.999Z" "$out"

finish
