# Sourced by the side-by-side benchmarks: the peers' data set of $n issues as CSV,
# its query constants and a jql snapshot of it, generated once into $JQL_BENCH_DIR
# (default /tmp/jql-bench) and reused. Needs $n and $build; sets $csv, $params, $snap.
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
