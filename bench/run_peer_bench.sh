#!/usr/bin/env bash
# Side by side, in one run: the peers' Q1..Q5 in DuckDB (one thread) and in jql
# (one thread), on the same generated data. Evaluation time only (loading excluded);
# medians of 7 runs after 2 warm-ups. Usage: bench/run_peer_bench.sh [ISSUES] [BUILD_DIR]
set -euo pipefail
n=${1:-10000000}
build=${2:-build/release}
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$(dirname "$0")/peer_data.sh"
(cd "$root/bench/peers" && [ -d node_modules/@duckdb/node-api ] || npm ci --no-audit --no-fund --loglevel=error)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $n issues"
echo "jql build: $(grep -m1 CMAKE_BUILD_TYPE "$build/CMakeCache.txt" | cut -d= -f2) ($(grep -m1 'CMAKE_CXX_FLAGS_RELEASE:' "$build/CMakeCache.txt" | cut -d= -f2) $(grep -o -m1 -- '-march=[^ ]*' "$build/build.ninja" | head -1))"
duck=$(cd "$root/bench/peers" && node duckdb_peer.mjs "$csv" "$params" 7 2)
printf '%-4s %12s %12s %8s  %s\n' query duckdb_ms jql_ms ratio "jql rows (DuckDB rows)"
i=0
for q in "$q1" "$q2" "$q3" "$q4" "$q5"; do
  i=$((i + 1))
  # Q1 in the peers' SQL has no eligibility filter; Q2..Q5 apply it, as --archivable does.
  mode=--archivable
  [ $i -eq 1 ] && mode="--limit 100000"
  # The peers count relative dates from 2025-06-01, the generator's "now".
  ours=$("$build/jql" select --data "$snap" $mode --now 2025-06-01 --format count --repeat 7 "$q" 2>&1 >/dev/null | grep "^{\"median_ms\"")
  d=$(echo "$duck" | sed -n "${i}p")
  python3 - "$q" "$ours" "$d" <<'PY'
import json, sys
q, ours, duck = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
print("%-4s %12.2f %12.2f %7.1fx  %d (%d)  %s" % (duck["query"], duck["median_ms"], ours["median_ms"],
      duck["median_ms"] / ours["median_ms"], ours["rows"], duck["rows"], q))
PY
done
