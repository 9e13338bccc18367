#!/usr/bin/env bash
# Runs the jira-python end-to-end test with Debian's python3-jira (installed by
# scripts/install-deps.sh) under the system's Python, whatever python3 is on PATH.
# Usage: jira_python_e2e.sh JQL_BINARY DATA
set -euo pipefail
jql=$1 data=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/jira_python/e2e.py" "$jql" "$data" "$work"
