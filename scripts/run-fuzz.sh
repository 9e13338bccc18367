#!/usr/bin/env bash
# Runs the libFuzzer targets for a bounded time each from their committed seed
# corpora: the parser (SECONDS); the loaders, the snapshot reader, text search
# (index against plain analysis), the server's API and its HTTP listener (raw
# bytes over TCP) half as long each.
# A crash, hang or sanitizer report leaves its input in build/fuzz/artifacts/ and
# fails the run.
set -euo pipefail
build=$1
seconds=${2:-60}
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$build/artifacts"
: >"$build/fuzz-output.log"
run() {  # run TARGET CORPUS SECONDS MAX_LEN [extra libFuzzer flags]
  local target=$1 corpus=$2 time=$3 max_len=$4
  shift 4
  local work="$build/corpus-run/$target"
  mkdir -p "$work"
  cp -n "$root/tests/fuzz/$corpus"/* "$work"/
  "$build/tests/fuzz/jql_$target" -max_total_time="$time" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" "$@" "$work" 2>&1 |
    tee -a "$build/fuzz-output.log" | grep -E "^(Done|stat::number_of_executed_units|==|SUMMARY)" | sed "s/^/$target: /" || true
}
run parse_fuzzer corpus "$seconds" 512 -dict="$root/tests/fuzz/jql.dict"
run load_fuzzer load_corpus $((seconds / 2)) 16384
run snapshot_fuzzer snapshot_corpus $((seconds / 2)) 65536
run text_fuzzer text_corpus $((seconds / 2)) 256
run api_fuzzer api_corpus $((seconds / 2)) 4096
run http_fuzzer http_corpus $((seconds / 2)) 131072 -dict="$root/tests/fuzz/http.dict"
# A sanitizer report from another thread (the HTTP listener's) may leave no artifact:
# the report itself fails the run.
if ls "$build/artifacts"/*crash-* "$build/artifacts"/*timeout-* "$build/artifacts"/*leak-* >/dev/null 2>&1 ||
  grep -q "ERROR: AddressSanitizer\|runtime error:" "$build/fuzz-output.log"; then
  echo "fuzz: failures found in $build/artifacts" >&2
  exit 1
fi
echo "fuzz: no crashes, hangs or sanitizer reports (parser ${seconds}s, loaders, snapshots, text search, the API and the HTTP listener $((seconds / 2))s each)"
