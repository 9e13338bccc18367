#!/usr/bin/env bash
# Parse benchmarks: Google Benchmark medians after warm-up, and the median first parse
# over 21 fresh processes. Usage: bench/run_parse_bench.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build/release}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "compiler flags: $(grep -m1 CMAKE_BUILD_TYPE "$build/CMakeCache.txt")"
"$build/bench/jql_parse_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_min_time=0.2
for _ in $(seq 21); do "$build/bench/jql_first_parse"; done |
  python3 -c 'import json,sys,statistics as s; r=[json.loads(l) for l in sys.stdin]; print("first parse in a fresh process: median %.0f us over %d runs (second parse %.0f us)" % (s.median(x["first_parse_us"] for x in r), len(r), s.median(x["second_parse_us"] for x in r)))'
