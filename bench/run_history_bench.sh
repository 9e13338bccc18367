#!/usr/bin/env bash
# History search (WAS / CHANGED) at N generated issues with about ten changes each:
# steady-state evaluation with the history index, the first query of a fresh engine
# (which builds the field's layout), and the plain replay of every row.
# Usage: bench/run_history_bench.sh [BUILD_DIR] [ISSUES]   (default build/release 1000000)
set -euo pipefail
build=${1:-build/release}
export JQL_BENCH_HISTORY_ISSUES=${2:-1000000}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "build: $(grep -m1 CMAKE_BUILD_TYPE "$build/CMakeCache.txt"), flags: $(grep -m1 CMAKE_CXX_FLAGS_RELEASE: "$build/CMakeCache.txt" | cut -d= -f2)"
"$build/bench/jql_history_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_filter='Indexed'
"$build/bench/jql_history_bench" --benchmark_filter='First|Replay'
