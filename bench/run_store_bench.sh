#!/usr/bin/env bash
# Store benchmarks (ingest MB/s, snapshot GB/s, generation) at the sizes given, with
# memory per issue. Usage: bench/run_store_bench.sh [BUILD_DIR] [SIZES]
#   e.g. bench/run_store_bench.sh build/release 1000000,10000000
set -euo pipefail
build=${1:-build/release}
export JQL_BENCH_SIZES=${2:-1000000}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "build: $(grep -m1 CMAKE_BUILD_TYPE "$build/CMakeCache.txt")"
"$build/bench/jql_store_bench" --benchmark_report_aggregates_only=true
