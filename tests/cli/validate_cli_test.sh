#!/usr/bin/env bash
# End-to-end checks of `jql validate` and `jql explain`: output shapes and exit codes.
set -uo pipefail
jql=$1
failures=0
passes=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then
    passes=$((passes + 1))
  else
    failures=$((failures + 1))
    printf 'FAIL %s\n  expected: %q\n  actual:   %q\n' "$1" "$2" "$3"
  fi
}

out=$("$jql" validate 'project = ABC' 'status = Done'); code=$?
check "two valid queries" $'OK\nOK' "$out"
check "exit 0 when all valid" 0 "$code"

out=$("$jql" validate 'project = ABC' 'project = IT'); code=$?
check "one invalid" $'OK\nError in the JQL Query: \'IT\' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 11)' "$out"
check "exit 1 when any invalid" 1 "$code"

out=$(printf 'project = ABC\nx1 =\n' | "$jql" validate); code=$?
check "stdin lines" $'OK\nError in the JQL Query: Expecting either a value, list or function before the end of the query.' "$out"
check "stdin exit" 1 "$code"

out=$(printf '%s\n' '"project = ABC\nAND status = Done"' '"x1 = \"open"' | "$jql" validate --jsonl); code=$?
check "jsonl" '{"query":"project = ABC\nAND status = Done","valid":true,"errors":[]}
{"query":"x1 = \"open","valid":false,"errors":["Error in the JQL Query: The quoted string '"'"'open'"'"' has not been completed. (line 1, character 6)"]}' "$out"
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

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
