#!/usr/bin/env bash
# End-to-end checks of `jql select`: one clock with the server (--now), the formats and
# fields a dry run is reviewed in, and the cap said on stderr in every format.
# Usage: select_cli_test.sh JQL_BINARY DATA_DIR
set -uo pipefail
jql=$1 data=$2
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
q='updated < -365d'

# One clock: the default is now, as on the server; --now takes an ISO date or
# date-time, epoch milliseconds, or "now".
default=$("$jql" select --data "$data" --archivable --format count "$q")
check "default is the clock" "$default" "$("$jql" select --data "$data" --archivable --format count --now now "$q")"
fixed=$("$jql" select --data "$data" --archivable --format count --now 2025-06-01 "$q")
check "a date is its midnight UTC" "$fixed" "$("$jql" select --data "$data" --archivable --format count --now 2025-06-01T00:00:00Z "$q")"
check "epoch milliseconds" "$fixed" "$("$jql" select --data "$data" --archivable --format count --now 1748736000000 "$q")"
[ "$default" != "$fixed" ]; check "a year and a half apart, different selections" 0 $?
"$jql" select --data "$data" --now yesterday-ish "$q" >/dev/null 2>"$work/err"; code=$?
check "bad --now exit" 2 "$code"
grep -q "now, an ISO date" "$work/err"; check "bad --now says what is accepted" 0 $?

# The dry run in the server's preview names.
"$jql" select --data "$data" --archivable --format json --limit 3 --now 2025-06-01 "$q" >"$work/p.json"
out=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["issuesToArchive"], sorted(d["skipped"]), len(d["issues"]), sorted(d["issues"][0]))' "$work/p.json")
check "json report" "$fixed ['issueIsSubtask', 'issuesInUnlicensedProjects'] 3 ['fields', 'id', 'key']" "$out"

# Formats: keys, csv, jsonl and a table agree on the issues.
byKey='project = PAEH ORDER BY key'
keys=$("$jql" select --data "$data" --format keys --limit 4 "$byKey")
check "keys" $'PAEH-1\nPAEH-2\nPAEH-3\nPAEH-4' "$keys"
"$jql" select --data "$data" --format csv --limit 4 --fields key,type,status "$byKey" >"$work/c.csv"
check "csv header" "key,type,status" "$(head -1 "$work/c.csv" | tr -d '\r')"
check "csv keys" "$keys" "$(tail -n +2 "$work/c.csv" | cut -d, -f1)"
types=$("$jql" select --data "$data" --format jsonl --limit 4 --fields issuetype "$byKey" |
  /usr/bin/python3 -c 'import json,sys; print(",".join(json.loads(l)["fields"]["issuetype"]["name"] for l in sys.stdin))')
check "csv and jsonl show the same types" "$types" "$(tail -n +2 "$work/c.csv" | cut -d, -f2 | paste -sd,)"
"$jql" select --data "$data" --format table --limit 4 "$byKey" >"$work/t.txt"
check "table header" "key     summary" "$(head -1 "$work/t.txt" | cut -c1-15)"
total=$("$jql" select --data "$data" --format count "$byKey")
check "table footer" "4 issues of $total" "$(tail -1 "$work/t.txt")"
"$jql" select --data "$data" --fields key,nosuch "$byKey" >/dev/null 2>"$work/err"; code=$?
check "unknown field exit" 2 "$code"
check "unknown field named" "jql: --fields: no field 'nosuch' in this data" "$(tail -1 "$work/err")"

# At the cap the selection stops, and every format says so on stderr.
"$jql" gen 150000 --out "$work/big.snap" --no-long-text >/dev/null 2>&1
for format in count keys csv json; do
  "$jql" select --data "$work/big.snap" --archivable --format "$format" --now 2025-06-01 \
    'created is not empty' >"$work/out" 2>"$work/err"
  grep -q "stops at 100,000 issues" "$work/err"; check "cap said ($format)" 0 $?
done
check "cap count" 100000 "$("$jql" select --data "$work/big.snap" --archivable --format count --now 2025-06-01 'created is not empty' 2>/dev/null)"

finish
