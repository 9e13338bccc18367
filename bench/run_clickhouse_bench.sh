#!/usr/bin/env bash
# The peers' Q1..Q5 queries in process and on a two-shard ClickHouse cluster on this
# machine (tests/clickhouse/with_cluster.sh starts it): push time, bytes on disk, and the
# median of 7 runs after 2 warm-ups of each query's first 100,000 issues in order, in
# process (evaluation only, one thread) and on the cluster (the lowered SQL over HTTP,
# wall time as a client sees it). Without the archive rule on either side: it is not
# lowered yet. Usage: bench/run_clickhouse_bench.sh [ISSUES] [BUILD_DIR]
set -euo pipefail
n=${1:-1000000}
build=$(realpath "${2:-build/release}")
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${JQL_CLICKHOUSE:-}" ]; then
  exec "$root/tests/clickhouse/with_cluster.sh" "$build/clickhouse-bench" "$0" "$n" "$build"
fi
source "$(dirname "$0")/peer_data.sh"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $n issues"
echo "ClickHouse $(curl -s "http://$(sed -E 's#clickhouse://([^,/]+).*#\1#' <<< "$JQL_CLICKHOUSE")/?query=SELECT%20version()"), two shards on this machine"
start=$(date +%s.%N)
"$build/jql" push --quiet --data "$snap" --to "$JQL_CLICKHOUSE"
end=$(date +%s.%N)
work=$build/clickhouse-bench
echo "push: $(python3 -c "print('%.1f' % ($end - $start))") s; on disk: $(du -sb "$work"/node*/data/data/jql | awk '{s += $1} END {printf "%.1f MB", s / 1e6}') (both shards); snapshot: $(du -b "$snap" | awk '{printf "%.1f MB", $1 / 1e6}')"
http=$(sed -E 's#clickhouse://([^,/]+).*#\1#' <<< "$JQL_CLICKHOUSE")
printf '%-4s %12s %14s %8s  %s\n' query jql_ms clickhouse_ms ratio query
i=0
for q in "$q1" "$q2" "$q3" "$q4" "$q5"; do
  i=$((i + 1))
  ours=$("$build/jql" select --data "$snap" --limit 100000 --now 2025-06-01 --format count --repeat 7 "$q" 2>&1 >/dev/null | grep "^{\"median_ms\"")
  sql="$("$build/jql" sql --quiet --dialect clickhouse --data "$snap" --now 2025-06-01 "$q" | sed 's/^SELECT row FROM issues/SELECT row FROM jql.issues/') LIMIT 100000 FORMAT TabSeparated"
  times=()
  for run in $(seq 1 9); do
    t=$(curl -s -o /dev/null -w '%{time_total}' --data-binary "$sql" "http://$http/?max_query_size=67108864")
    [ "$run" -gt 2 ] && times+=("$t")
  done
  python3 - "Q$i" "$ours" "$q" "${times[@]}" <<'PY'
import json, statistics, sys
name, ours, q = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
ch = statistics.median(float(t) * 1000 for t in sys.argv[4:])
print("%-4s %12.2f %14.2f %7.1fx  %s" % (name, ours["median_ms"], ch, ch / ours["median_ms"], q))
PY
done
