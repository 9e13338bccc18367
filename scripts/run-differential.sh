#!/usr/bin/env bash
# Differential test against Atlassian's reference grammar, run under node (which
# scripts/install-deps.sh provides). Bounded by count.
set -euo pipefail
jql=$1
count=${2:-20000}
dir="$(dirname "$0")/../tests/differential"
if [ ! -d "$dir/node_modules/@atlassianlabs/jql-parser" ]; then
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
python3 "$dir/run_differential.py" --jql "$jql" --count "$count" --seed "${DIFFERENTIAL_SEED:-$(date +%j)}"
