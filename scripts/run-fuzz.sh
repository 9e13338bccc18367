#!/usr/bin/env bash
# Runs the libFuzzer targets for a bounded time from the committed seed corpus.
# A crash leaves its input in build/fuzz/artifacts/ and fails the run.
set -euo pipefail
build=$1
seconds=${2:-60}
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$build/corpus-run"
mkdir -p "$work" "$build/artifacts"
cp -n "$root"/tests/fuzz/corpus/* "$work"/
"$build/tests/fuzz/jql_parse_fuzzer" -dict="$root/tests/fuzz/jql.dict" -max_total_time="$seconds" \
  -max_len=512 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$build/artifacts/" "$work" 2>&1 | grep -E "^(Done|stat::number_of_executed_units|==|SUMMARY)" || true
if ls "$build/artifacts"/crash-* "$build/artifacts"/timeout-* "$build/artifacts"/leak-* >/dev/null 2>&1; then
  echo "fuzz: failures found in $build/artifacts" >&2
  exit 1
fi
echo "fuzz: no crashes, hangs or sanitizer reports in ${seconds}s"
