#!/usr/bin/env bash
# Text search side by side, in one run: Q4 of performance.md (`summary ~ WORD` plus
# the eligibility filter) in jql (inverted index, one thread) and in SQLite FTS5 (one
# thread, Porter stemming to match ours), on the same generated data; medians of 7
# runs after warm-up, evaluation only. Also jql's index build time and size.
# Usage: bench/run_text_bench.sh [ISSUES] [BUILD_DIR] [FTS5_TOKENIZER]
set -euo pipefail
n=${1:-10000000}
build=${2:-build/release}
tokenizer=${3:-porter unicode61}
source "$(dirname "$0")/peer_data.sh"
word=$(python3 -c "import json; print(json.load(open('$params'))['q4_word'])")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $n issues"
echo "jql build: $(grep -m1 CMAKE_BUILD_TYPE "$build/CMakeCache.txt" | cut -d= -f2) ($(grep -m1 'CMAKE_CXX_FLAGS_RELEASE:' "$build/CMakeCache.txt" | cut -d= -f2) $(grep -o -m1 -- '-march=[^ ]*' "$build/build.ninja" | head -1))"
stats=$("$build/jql" stats --data "$snap" --json)
ours=$("$build/jql" select --data "$snap" --archivable --now 2025-06-01 --format count --repeat 7 "summary ~ $word" 2>&1 >/dev/null | grep "^{\"median_ms\"")
peer=$("$build/bench/jql_sqlite_fts_peer" "$csv" "$word" "$tokenizer" 7 2)
python3 - "$word" "$ours" "$peer" "$stats" <<'PY'
import json, sys
word, ours, peer, stats = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
rows = stats["rows"]
summary = stats["text_index"]["summary"]
print("Q4: summary ~ %s, eligible issues only" % word)
print("%-34s %10s %10s" % ("engine", "median_ms", "matches"))
print("%-34s %10.3f %10d" % (peer["engine"], peer["median_ms"], peer["matches"]))
print("%-34s %10.3f %10d" % ("jql (inverted index)", ours["median_ms"], ours["rows"]))
print("ratio: jql %.1fx faster than SQLite FTS5" % (peer["median_ms"] / ours["median_ms"]))
print("jql first query (builds the summary index): %.0f ms" % ours["first_ms"])
print("jql summary index: %d terms, %d postings, %.1f MB (%.1f bytes per issue), built in %.2f s"
      % (summary["terms"], summary["postings"], summary["bytes"] / 1e6, summary["bytes"] / rows,
         summary["build_seconds"]))
print("SQLite: load %.1f s, FTS5 build %.1f s" % (peer["load_ms"] / 1000, peer["fts_build_ms"] / 1000))
PY
