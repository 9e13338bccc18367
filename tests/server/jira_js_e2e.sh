#!/usr/bin/env bash
# Runs the jira.js end-to-end test: installs the client from npm once (into the
# build tree), then drives a fresh server over 127.0.0.1.
# Usage: jira_js_e2e.sh JQL_BINARY DATA_DIR NPM_CACHE_DIR
set -euo pipefail
jql=$1 data=$2 modules=$3
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$modules/node_modules/jira.js/package.json" ]; then
  mkdir -p "$modules"
  npm install --prefix "$modules" --no-audit --no-fund --silent jira.js@5.4.0 >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
NODE_PATH="$modules/node_modules" node "$here/jira_js/e2e.cjs" "$jql" "$data" "$work"
