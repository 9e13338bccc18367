# Sourced by the side-by-side benchmarks: the peers' data set of $n issues as CSV,
# its query constants and a jql snapshot of it, generated once into $JQL_BENCH_DIR
# (default /tmp/jql-bench) and reused. Needs $n and $build; sets $csv, $params, $snap,
# and the peers' Q1..Q5 in JQL as $q1..$q5.
dir=${JQL_BENCH_DIR:-/tmp/jql-bench}
mkdir -p "$dir"
csv="$dir/peers_$n.csv"
params="$dir/peers_$n.json"
snap="$dir/peers_$n.snap"
[ -f "$csv" ] || "$build/jql" gen "$n" --format csv --out "$csv" --params "$params"
[ -f "$params" ] || "$build/jql" gen 0 --format csv --out /dev/null --params "$params" >/dev/null 2>&1
# A snapshot from an older build (another format version) is made again.
if [ -f "$snap" ] && ! "$build/jql" stats --quiet --data "$snap" >/dev/null 2>&1; then rm -f "$snap"; fi
[ -f "$snap" ] || "$build/jql" snapshot --quiet --data "$csv" --out "$snap" >/dev/null

# The peers' Q1..Q5 in JQL, with the constants of this data set.
p() { python3 -c "import json,sys; print(json.load(open('$params'))[sys.argv[1]][int(sys.argv[2])])" "$@"; }
q1="project in ($(p q1_project_keys 0), $(p q1_project_keys 1), $(p q1_project_keys 2)) AND status = Done AND updated < -365d"
q2='statusCategory = Done AND resolved < "2022-01-01"'
q3="labels in ($(p q3_labels 0), $(p q3_labels 1)) OR priority = Lowest"
q4="summary ~ $(python3 -c "import json; print(json.load(open('$params'))['q4_word'])")"
q5='assignee is EMPTY AND created < -2y ORDER BY created ASC'
