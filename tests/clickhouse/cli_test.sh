#!/bin/bash
# jql push, jql sql and jql select --engine against the cluster JQL_CLICKHOUSE names
# (run through with_cluster.sh): the same keys as in process (text, history and ORDER BY
# among them), a second push that does nothing, and data other than the pushed refused. Usage: cli_test.sh JQL_BINARY SAMPLE_DATA OTHER_DATA
set -euo pipefail
jql=$1 data=$2 other=$3
fail() { echo "FAIL: $*" >&2; exit 1; }
url=$JQL_CLICKHOUSE

out=$("$jql" push --data "$data" --to "$url" 2>&1) || fail "push: $out"
out=$("$jql" push --data "$data" --to "$url" 2>&1) || fail "second push: $out"
grep -q "holds this store already; nothing pushed" <<< "$out" || fail "second push pushed: $out"
queries=(
  'status = Done'
  'priority >= High AND assignee is not EMPTY'
  'labels is EMPTY OR resolution = Unresolved'
  'created >= -3000d AND NOT (status in (Done, "To Do"))'
  'issuetype in standardIssueTypes() AND (due is EMPTY OR votes > 2)'
  'summary ~ "error" ORDER BY priority DESC, key'
  'status WAS Done BEFORE 2025-01-01 OR status CHANGED TO "In Progress" ORDER BY created DESC'
)
for q in "${queries[@]}"; do
  here=$("$jql" select --data "$data" --format keys -q "$q")
  there=$("$jql" select --data "$data" --engine "$url" --format keys -q "$q") || fail "$q: $there"
  [ "$here" = "$there" ] || fail "$q: different keys"
  [ -n "$here" ] || fail "$q: matched nothing, so it proves nothing"
  count=$("$jql" select --data "$data" --engine "$url" --format count -q "$q")
  [ "$count" = "$(wc -l <<< "$here")" ] || fail "$q: count $count"
  # The archive rule: the same selection and the same dry-run report.
  here=$("$jql" select --data "$data" --archivable --format json -q "$q")
  there=$("$jql" select --data "$data" --engine "$url" --archivable --format json -q "$q") || fail "$q: $there"
  [ "$here" = "$there" ] || fail "$q: different archive selections"
done
sql=$("$jql" sql --dialect clickhouse --data "$data" -q 'status = Done AND labels is EMPTY')
# Archived issues are left out: archived at push, unless a later mark unarchived them.
grep -q "^SELECT row FROM issues WHERE ((archived = 0 OR id GLOBAL IN (SELECT id FROM archive_marks" <<< "$sql" ||
  fail "sql: $sql"
if out=$("$jql" select --data "$other" --engine "$url" -q 'status = Done' 2>&1); then
  fail "other data ran: $out"
fi
grep -q "holds another store" <<< "$out" || fail "other data: $out"
if out=$("$jql" push --data "$other" --to "$url" 2>&1); then fail "other data pushed: $out"; fi
grep -q "holds another store" <<< "$out" || fail "other push: $out"
echo "clickhouse cli test: passed"
