#!/usr/bin/env bash
# Runs the jira.js end-to-end tests with both APIs people use: jira.js 5.4 (the
# Version3Client most scripts are written against) and jira.js 6 (createCloudClient,
# which checks every response against its schemas). Each is installed from npm once,
# at a pinned version, into the build tree; each drives a fresh server over 127.0.0.1.
# Usage: jira_js_e2e.sh JQL_BINARY DATA_DIR NPM_CACHE_DIR
# (under tests/clickhouse/with_cluster.sh: against jql serve --backend, see below)
set -euo pipefail
jql=$1 data=$2 modules=$3
here=$(cd "$(dirname "$0")" && pwd)
install() {  # install DIR VERSION
  if [ ! -f "$1/node_modules/jira.js/package.json" ] ||
    ! grep -q "\"version\": \"$2\"" "$1/node_modules/jira.js/package.json"; then
    mkdir -p "$1"
    # jira.js 6 declares Node 22; it runs on Debian's Node 20, which this test checks.
    npm install --prefix "$1" --no-audit --no-fund --silent --engine-strict=false \
      "jira.js@$2" >/dev/null
  fi
}
install "$modules/v5" 5.4.0
install "$modules/v6" 6.2.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/v5" "$work/v6"
# Under tests/clickhouse/with_cluster.sh (JQL_CLICKHOUSE names the cluster), each run's
# server evaluates on the cluster and keeps its archive marks there (jql serve
# --backend), in a database of its own so that one run's archives do not meet the other.
backend() {  # backend NAME: push the data into database NAME, print the server's flags
  [ -n "${JQL_CLICKHOUSE:-}" ] || return 0
  local nodes=${JQL_CLICKHOUSE#clickhouse://} params=""
  nodes=${nodes%%/*}
  case $JQL_CLICKHOUSE in *\?*) params="?${JQL_CLICKHOUSE#*\?}" ;; esac
  local node
  for node in ${nodes//,/ }; do
    curl -sf --data-binary "CREATE DATABASE IF NOT EXISTS $1" "http://$node/" >/dev/null
  done
  local url="clickhouse://$nodes/$1$params"
  "$jql" push --data "$data" --to "$url" >&2
  echo "--backend $url"
}
v5_args=$(backend jira_js_v5)
v6_args=$(backend jira_js_v6)
JQL_SERVE_ARGS="$v5_args" NODE_PATH="$modules/v5/node_modules" \
  node "$here/jira_js/e2e.cjs" "$jql" "$data" "$work/v5"
JQL_SERVE_ARGS="$v6_args" node "$here/jira_js/e2e6.mjs" "$jql" "$data" "$work/v6" \
  "$modules/v6/node_modules/jira.js"
