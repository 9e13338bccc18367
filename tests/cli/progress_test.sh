#!/usr/bin/env bash
# Progress displays: redrawn in place on a terminal (a pseudo-terminal from script(1)),
# only the final line anywhere else, nothing with --quiet; errors still show.
# Usage: progress_test.sh JQL
set -euo pipefail
jql=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$work"

# Not a terminal: exactly the closing line on stderr.
"$jql" gen 20000 --out g.jsonl 2>gen.err
[ "$(wc -l <gen.err)" -eq 1 ] || fail "gen to a file printed more than its final line: $(cat -v gen.err)"
grep -q '^20000 issues generated in .* written as jsonl to g.jsonl' gen.err || fail "gen's final line: $(cat gen.err)"
grep -q $'\r' gen.err && fail "gen drew progress on a non-terminal"

"$jql" select --data g.jsonl --now 2025-06-01 --format count 'created < now()' \
  >count.out 2>select.err
[ "$(wc -l <select.err)" -eq 1 ] || fail "a load printed more than its final line: $(cat -v select.err)"
grep -q '^loaded 20,000 issues (.* MB) from g.jsonl in ' select.err || fail "load's final line: $(cat select.err)"

# --quiet: nothing on stderr, before or after the subcommand, but errors still.
"$jql" --quiet gen 1000 --out q1.jsonl 2>q1.err
"$jql" gen 1000 --out q2.csv --quiet 2>q2.err
[ ! -s q1.err ] && [ ! -s q2.err ] || fail "--quiet printed: $(cat q1.err q2.err)"
"$jql" select --quiet --data g.jsonl --format count 'created < now()' >/dev/null 2>q3.err
[ ! -s q3.err ] || fail "select --quiet printed: $(cat q3.err)"
if "$jql" select --quiet --data missing.jsonl 'created < now()' 2>q4.err; then fail "a missing file loaded"; fi
grep -q 'missing.jsonl does not exist' q4.err || fail "--quiet hid an error: $(cat q4.err)"

# A folder's skipped files are noted even with --quiet (issues may be missing).
mkdir -p folder/nested && cp g.jsonl folder/nested/ && echo "exported 2024" >folder/README
"$jql" select --quiet --data folder --now 2025-06-01 --format count 'created < now()' >folder.out 2>folder.err
[ "$(cat folder.out)" = "$(cat count.out)" ] || fail "the nested file was not loaded: $(cat folder.out folder.err)"
grep -q "^jql: note: folder/README: not issue data" folder.err || fail "no note for README: $(cat folder.err)"

# A terminal: the line is redrawn in place (carriage return, erase line), with the
# count of the total and a percentage, then the final line.
script -qec "$jql gen 60000 --out t.jsonl" /dev/null >tty-gen.out </dev/null
grep -q $'\r\e\[2Kgenerating  [0-9,]* / 60,000 issues ([0-9]*%)' tty-gen.out ||
  fail "no redrawn generating line on a terminal: $(cat -v tty-gen.out | head -c 600)"
grep -q $'\r\e\[2Kwriting t.jsonl  [0-9,]* / 60,000 issues' tty-gen.out || fail "no writing progress on a terminal"
grep -q '60000 issues generated in' tty-gen.out || fail "no final line on a terminal"

script -qec "$jql select --data t.jsonl --format count 'created < now()'" /dev/null >tty-load.out </dev/null
grep -q $'\r\e\[2Kloading t.jsonl  [0-9.]* MB / [0-9.]* MB ([0-9]*%), [0-9,]* issues' tty-load.out ||
  fail "no redrawn loading line on a terminal: $(cat -v tty-load.out | head -c 600)"
grep -q 'loaded 60,000 issues' tty-load.out || fail "no final load line on a terminal"

script -qec "$jql snapshot --data t.jsonl --out t.snap" /dev/null >tty-snap.out </dev/null
grep -q $'\r\e\[2Kwriting t.snap  [0-9.]* MB / [0-9.]* MB' tty-snap.out ||
  fail "no snapshot writing progress on a terminal: $(cat -v tty-snap.out | head -c 600)"

# TERM=dumb and --quiet on a terminal: no drawing.
TERM=dumb script -qec "$jql gen 20000 --out d.jsonl" /dev/null >tty-dumb.out </dev/null
grep -q $'\e\[2K' tty-dumb.out && fail "drew on a dumb terminal"
script -qec "$jql gen 20000 --out d.jsonl --quiet" /dev/null >tty-quiet.out </dev/null
[ ! -s tty-quiet.out ] || fail "--quiet on a terminal printed: $(cat -v tty-quiet.out)"
echo "progress test: passed"
